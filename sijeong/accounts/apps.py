from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sijeong.accounts"
    verbose_name = "계정"

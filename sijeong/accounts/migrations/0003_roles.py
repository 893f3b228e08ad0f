"""Create the role groups 관리자, 편집자, 열람자 with their model permissions."""

from django.db import migrations

from sijeong.accounts.roles import sync_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
        ("org", "0001_initial"),
        ("budget", "0002_initial"),
        ("schedule", "0001_initial"),
        ("press", "0001_initial"),
        ("relations", "0001_initial"),
        ("programs", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_role_permissions, migrations.RunPython.noop)]

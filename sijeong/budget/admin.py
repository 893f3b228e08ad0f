"""Back office for budget lines and spending."""

from django.contrib import admin

from sijeong.core.admin import ChildInline, RecordAdmin

from .models import BudgetLine, Expenditure


class ExpenditureInline(ChildInline):
    model = Expenditure
    fields = ["date", "period_start", "amount", "description", "source"]


@admin.register(BudgetLine)
class BudgetLineAdmin(RecordAdmin):
    list_display = ["subject", "fiscal_year", "amount", "office", "department"]
    list_filter = ["office", "fiscal_year"]
    search_fields = ["subject", "purpose"]
    inlines = [ExpenditureInline]


@admin.register(Expenditure)
class ExpenditureAdmin(RecordAdmin):
    list_display = ["line", "date", "amount", "description"]
    list_filter = ["line__office", "line__fiscal_year"]
    date_hierarchy = "date"

from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "sotong.expenses"
    label = "expenses"
    verbose_name = "업무추진비"

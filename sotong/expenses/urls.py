from django.urls import path

from sotong.expenses import views

app_name = "expenses"
urlpatterns = [
    path("", views.expense_list, name="list"),
    path("totals/", views.expense_totals, name="totals"),
]

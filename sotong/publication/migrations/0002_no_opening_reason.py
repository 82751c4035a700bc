from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="publishedrecord",
            name="no_opening_reason",
            field=models.CharField(blank=True, max_length=300),
        ),
    ]

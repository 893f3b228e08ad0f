# The marks are bookkeeping that the next save writes again: the table is made anew with one
# mark per office and kind of record instead of one per office.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_data_revision_no_permissions"),
    ]

    operations = [
        migrations.DeleteModel(name="DataRevision"),
        migrations.CreateModel(
            name="DataRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40, verbose_name="자료 종류")),
                ("mark", models.UUIDField(default=uuid.uuid4, verbose_name="변경 표시")),
                (
                    "office",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.office",
                        verbose_name="기관",
                    ),
                ),
            ],
            options={
                "verbose_name": "자료 변경 표시",
                "verbose_name_plural": "자료 변경 표시",
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("office", "kind"), name="one_mark_per_office_and_kind"
                    )
                ],
            },
        ),
    ]

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sotong.intake.services.tokens import token_authenticate

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, verbosity=0)
    return out.getvalue()


def test_token_create_prints_a_working_token_once(seoul):
    output = _run("token", "create", "seoul-edms")
    secret = output.strip().splitlines()[-1]
    token = token_authenticate(secret=secret)
    assert token is not None and token.name == "seoul-edms"
    assert secret not in str(token.digest)


def test_import_list_prints_a_bilingual_summary(seoul, demo_data):
    output = _run("import_list", str(demo_data / "opengov" / "20210208_20210214_info_list_part.xml"))
    assert "500행" in output and "created 500" in output


def test_import_list_of_a_broken_file_fails_with_a_clear_message(seoul, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<data><Document0><title>", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        _run("import_list", str(path))
    assert "broken.xml" in str(caught.value)


def test_ingest_prints_what_was_accepted_and_rejected(seoul, demo_data):
    output = _run("ingest", str(demo_data / "demo-withheld"))
    assert "접수 2건, 거부 0건" in output

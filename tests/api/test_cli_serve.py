"""``sitroom serve``: loopback by default, token from SITROOM_TOKEN, a clear line for a bad store."""

from __future__ import annotations

from click.testing import CliRunner

from sitroom.cli import main


def test_serve_defaults_to_loopback_and_reads_the_token(monkeypatch, tmp_path):
    import uvicorn

    seen = {}

    def fake_run(app, **kwargs):
        seen.update(kwargs, settings=app.state.settings)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(main, ["--db", db, "serve"], env={"SITROOM_TOKEN": "s3cret"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    assert seen["settings"].token == "s3cret"
    result = CliRunner().invoke(main, ["--db", db, "serve", "--host", "0.0.0.0", "--port", "9001"], env={},
                                catch_exceptions=False)
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 9001)
    assert "token" in result.output


def test_serve_bad_store_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["--db", "mysql://nope", "serve"])
    assert result.exit_code == 1
    assert "cannot open the store" in result.output and "Traceback" not in result.output

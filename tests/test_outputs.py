"""Where a batch's rows go: what a Ctrl-C leaves behind is what the command says it wrote."""

from __future__ import annotations

import os
import signal

from service import outputs


def _row(name: str) -> dict[str, str]:
    return {"file": name, "error": "unreadable", "detail": "The document holds no usable text."}


class _InterruptedMidChunk:
    """JSON lines, with a Ctrl-C arriving after a chunk's first row is written."""

    def __init__(self, path: str) -> None:
        self.lines = outputs.JsonLines(path)

    def write(self, rows: list[dict[str, str]]) -> None:
        self.lines.write(rows[:1])
        os.kill(os.getpid(), signal.SIGINT)
        self.lines.write(rows[1:])

    def close(self) -> None:
        self.lines.close()


def test_a_ctrl_c_while_a_chunk_is_written_comes_after_it_is_counted(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    chunks = iter([[_row("a.pdf"), _row("b.pdf")], [_row("c.pdf")]])
    status = outputs.write_batch(chunks, 3, _InterruptedMidChunk(str(out)), str(out), workers=1, progress=False)
    assert status == outputs.INTERRUPTED
    assert [line for line in out.read_text().splitlines() if line] == [
        '{"file": "a.pdf", "error": "unreadable", "detail": "The document holds no usable text."}',
        '{"file": "b.pdf", "error": "unreadable", "detail": "The document holds no usable text."}',
    ]
    assert f"interrupted; 2 of 3 documents written to {out}" in capsys.readouterr().err

"""Memory of a long run (``extraction/memory.py``): strings added per text, reference cycles left
behind by a batch (the parser's step models hold the batch's vectors), the heap's free pages,
the lemmatizer's cache."""

from __future__ import annotations

import gc
import os
import platform
import subprocess
import sys
from collections.abc import Iterator

import pytest

from ie_nlp.extraction.extractor import Extractor
from ie_nlp.extraction.memory import WindowMemory, pin_mmap_threshold
from ie_nlp.schema import InputArticle

TEXT = (
    "Zorvexa Therapeutics, a biotech in Basel, and Quillmont Pharma signed a licence for "
    "QMX-{n}, an antibody for lupus. Quillmont pays $40 million upfront to Zorvexa."
)


def _articles(count: int) -> list[InputArticle]:
    return [InputArticle(id=f"a{n}", text=TEXT.format(n=n)) for n in range(count)]


@pytest.fixture
def automatic_collection_off() -> Iterator[None]:
    """Python's own collections would hide what the extractor leaves behind."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parser_step_models() -> int:
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "ParserStepModel")


@pytest.mark.usefixtures("automatic_collection_off")
def test_no_batch_cycles_survive_extraction(extractor: Extractor) -> None:
    results = list(extractor.extract_many(_articles(20), batch_size=8))
    assert len(results) == 20
    assert results[0].actors, "the texts must reach the parser and NER to test anything"
    assert _parser_step_models() == 0


def test_strings_of_each_text_are_freed(extractor: Extractor) -> None:
    strings = extractor.nlp.vocab.strings
    list(extractor.extract_many(_articles(1)))
    before = len(strings)
    list(extractor.extract_many(_articles(40)))
    assert "QMX-39" not in strings
    assert len(strings) == before


def test_models_are_left_out_of_collections(extractor: Extractor) -> None:
    assert gc.get_freeze_count() > 100_000


def test_heap_is_trimmed_once_per_window_of_articles() -> None:
    trims: list[int] = []

    def trim(pad: int) -> int:
        trims.append(pad)
        return 1

    memory = WindowMemory(trim_every=16, trim=trim)
    for window in (1, 1, 13):
        memory.after_window(window)
    assert trims == []
    memory.after_window(1)
    assert trims == [0]
    memory.after_window(40)
    assert trims == [0, 0]


def test_caches_are_emptied_past_their_bound() -> None:
    small, large = {1: "a", 2: "b"}, {1: "a", 2: "b", 3: "c", 4: "d"}
    WindowMemory(caches=[small, large], max_cache_entries=3, trim=None).after_window(1)
    assert small == {1: "a", 2: "b"}
    assert large == {}


# Frees a 1 MiB block, then asks for another: prints whether that one got pages of its own.
SECOND_BLOCK_MMAPPED = """
import ctypes, sys
from ie_nlp.extraction.memory import pin_mmap_threshold

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())]

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "pin":
    assert pin_mmap_threshold()
libc.free(libc.malloc(1 << 20))
before = libc.mallinfo2().hblks
block = libc.malloc(1 << 20)
print(libc.mallinfo2().hblks - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")
@pytest.mark.parametrize(("mode", "mmapped"), [("pin", "1"), ("glibc-default", "0")])
def test_large_arrays_keep_pages_of_their_own(mode: str, mmapped: str) -> None:
    """glibc's default moves a size into the heap once a block of that size was freed; pinned,
    the threshold stays, and the second block is mapped like the first."""
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    run = subprocess.run(
        [sys.executable, "-c", SECOND_BLOCK_MMAPPED, mode],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert run.stdout.strip() == mmapped


def test_the_environments_threshold_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert pin_mmap_threshold() is False

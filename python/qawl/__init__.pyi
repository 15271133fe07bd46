# Type stubs for the qawl module (python/qawl/__init__.py).
import os
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Union

from .v1 import quote_pb2

__version__: str

Quote = quote_pb2.Quote
Kind = quote_pb2.Kind
DIRECT: int
PARTIAL: int
INDIRECT: int

class FeedError(ValueError):
    path: str
    offset: int
    def __init__(self, message: str, path: str, offset: int) -> None: ...

class Extractor:
    def __init__(
        self,
        patterns_dir: Optional[Union[str, os.PathLike[str]]] = ...,
        min_confidence: float = ...,
        indirect: bool = ...,
    ) -> None: ...
    def extract(
        self, text: str, id: str = ..., url: str = ..., date: str = ..., title: str = ...
    ) -> List[quote_pb2.Quote]: ...
    def extract_many(
        self, articles: Iterable[Mapping[str, Any]], threads: int = ...
    ) -> List[List[quote_pb2.Quote]]: ...

def read_feed(
    path: Union[str, os.PathLike[str]], format: Optional[str] = ...
) -> Iterator[quote_pb2.Quote]: ...

"""newsweave: multilingual news into stories, threads, entities, quotes and timelines."""

from .config import Settings, load_settings
from .model import Document, PartialDate

__version__ = "0.1.0"
__all__ = ["Document", "PartialDate", "Settings", "__version__", "load_settings"]

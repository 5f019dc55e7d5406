"""Service tests build small histories with the story tests' kit (tests/stories/storykit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))

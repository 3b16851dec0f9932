"""``python -m storyline.cli`` (as ``python -m storyline``)."""

import sys

from . import main

sys.exit(main())

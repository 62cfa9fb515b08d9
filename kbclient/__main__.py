"""`python -m kbclient` is the `kbclient` command."""

import sys

from kbclient.cli import main

sys.exit(main())

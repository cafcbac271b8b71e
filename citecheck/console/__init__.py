"""What the command line shows: one-line usage errors, progress, summaries, tables, settings.

``citecheck.cli`` defines the commands; this package is how they speak to the person at the
terminal (everything goes to stderr except the output a command was asked for).
"""

from citecheck.console._errors import INTERRUPTED, USAGE, Command, Group
from citecheck.console._progress import Mode, Reporter, choose_mode
from citecheck.console._settings import settings_toml
from citecheck.console._summary import Tally, nothing_checked, summary_lines
from citecheck.console._tables import print_check_table, print_drift_table
from citecheck.console._ui import Ui

__all__ = [
    "INTERRUPTED",
    "USAGE",
    "Command",
    "Group",
    "Mode",
    "Reporter",
    "Tally",
    "Ui",
    "choose_mode",
    "nothing_checked",
    "print_check_table",
    "print_drift_table",
    "settings_toml",
    "summary_lines",
]

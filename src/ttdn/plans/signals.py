"""What other apps may react to without the plans importing them."""

from django.dispatch import Signal

# Sent inside the issuing transaction, with ``plan`` (now issued) and ``actor``: the reports
# create the plan's reporting rounds.
plan_issued = Signal()

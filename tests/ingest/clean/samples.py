"""Sample articles and helpers shared by the cleaning tests."""

from pathlib import Path

from kb.ingest.clean.document import clean
from kb.ingest.types import RawDocument

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"

WIRE = """Iraq says Iran-backed militia fired rockets at airport

By Jane Doe and Omar Khalil | Reuters

Published March 3, 2023

BAGHDAD (Reuters) - Iraq's military said on Friday that an Iran-backed militia fired three rockets at Baghdad airport, the second attack this week.

"We will not allow outlaws to threaten our security," a spokesman said.

Share this article

Reporting by Omar Khalil; Editing by Jane Doe.
"""

BLOG = """Feb. 5, 2019

Why the Militias Will Not Stand Down

Ali Hassan

A lot of attention is on Syria, but there is still plenty of trouble in Iraq, where militia units keep attacking bases.

Related: Rockets hit Erbil again

Their leaders recently ordered them to maintain calm, but they did not listen.

Join the conversation as a VIP Member

Sign up for our newsletter

Follow us on Twitter

12 comments

Trending on Example Videos

Iran Sends Drones To Iraq

  Tehran delivered a batch of drones to allied groups in...
"""

TEASER_TAIL = """Kurdish Parties Split Over Border Deal

Kurdish parties disagreed on Tuesday over the border agreement with Iran, which requires armed groups to disarm.

Several leaders said they would wait for the federal government to act before moving any fighters.

No comments:

Pro-Iran Groups Target Bases Again

  Militias attacked two bases that host foreign troops over the weekend. The Is...

Baghdad Budget Talks Stall

  Lawmakers failed again to pass the budget, with Kurdish...
"""

THINK_TANK = """Iran's Leverage in Iraq After the Withdrawal

Updated: April 2, 2020

Tehran has used its allies in parliament to shape the government's response to the strikes (1), according to several officials. The pattern is not new. [2]

Notes

1. Smith, John, “How Tehran Votes in Baghdad,” Gulf Review, 3/4/20

[2] https://example.org/report
"""

BODY = "Iraqi and Iranian officials met in Baghdad on Monday to discuss the border crossings."


def cleaned(text: str, **metadata: str):
    return clean(RawDocument(text=text, origin="t.txt", format="text", metadata=metadata))


def seed(name: str):
    return cleaned((SEEDS / name).read_text(encoding="utf-8"))

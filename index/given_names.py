"""Common English given names: a person is often named by surname alone (pure data)."""

from __future__ import annotations

FIRST_NAMES = frozenset(
    (
        "james john robert michael william david richard joseph thomas charles christopher daniel "
        "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy "
        "ronald edward jason jeffrey jeff ryan jacob gary nicholas eric jonathan stephen larry "
        "justin scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis "
        "jerry tyler aaron jose adam henry nathan douglas peter zachary kyle walter harold jeremy "
        "ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe "
        "bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy "
        "eugene randy vincent russell louis philip bobby johnny bradley ron drew jake tim tom "
        "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty "
        "margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah "
        "stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda "
        "pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth "
        "maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan "
        "evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa "
        "kathryn sara janice jean alice madison doris abigail julia judy grace denise amber "
        "marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte "
        "rose alexis kayla joy nicole jhaan graham nigel ian colin neil stuart alistair percy "
        "hugh rupert simon martin oliver harry jane joan"
    ).split()
)
"""Common English first names (lower case)."""

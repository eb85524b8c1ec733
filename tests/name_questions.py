"""Questions whose names the coverage does or does not mention, shared by two tiers of tests.

The model-tier tests ask them of the real engine and check the reply a member reads
(``tests/index/test_name_case.py``, ``test_name_slips.py``, ``test_grounding.py``); the fast tier
judges the same names on the coverage's text alone (``tests/index/test_grounding_on_text.py``).
"""

from __future__ import annotations

SEED_UNMENTIONED = (
    ("did apple stop selling facial recognition to police?", "apple"),
    ("what did facebook announce about facial recognition?", "facebook"),
    ("What Did Facebook Announce About Facial Recognition?", "Facebook"),
    ("DID APPLE STOP SELLING FACIAL RECOGNITION TO POLICE?", "APPLE"),
    ("what did elon musk say about rekognition?", "elon musk"),
    ("What did the F.B.I. say about Rekognition?", "FBI"),
    ("What did FaceFirst say about Rekognition?", "FaceFirst"),  # "face", "first" apart
    # capitalised names beside lower-case words: not Title Case, whatever their share
    ("Did Satya Nadella call Bezos?", "Satya Nadella"),
    ("Did Tim Cook criticize Bezos?", "Tim Cook"),
    # every word in the article, but never this name: "research", "police department"
    ("What did Microsoft Research say about bias?", "Microsoft Research"),
    ("Does the Seattle Police Department use Rekognition?", "Seattle Police Department"),
    ("What did the Republican senator say?", "Republican"),  # only "(D-Ore.)" is written
)
"""Questions about the bundled article naming what it never mentions, in any case, and the name
the refusal lists."""

SEED_UNMENTIONED_PROPER = (
    ("What did Facebook announce about facial recognition?", "Facebook"),
    ("Did Apple stop selling facial recognition to police?", "Apple"),
    ("What did Google say about the moratorium?", "Google"),
    ("Did Tim Cook criticize Amazon's decision?", "Tim Cook"),
    ("Which police department in Texas used Rekognition?", "Texas"),
    ("what did NEC say about face recognition?", "NEC"),
)
"""The same, properly cased (the first refusals the engine learned)."""

SLIPS_STORY = (
    "Percy Shelley wrote The Mask of Anarchy after the Peterloo massacre.",
    "Michael Bloomberg paid for the halftime advertisement during the Super Bowl in Miami.",
    "Voters in California approved the measure; turnout was the highest in a decade.",
    "Illegal boycotts and refusals to pay taxes are forms of civil disobedience.",
    "The forces are written as the sum of an electrostatic and a magnetic part.",
    "Visitors came for a good all-day festival, travelling via the coast road for a clear view.",
    "Gandhi called his campaign of non-violent resistance satyagraha.",
    "The turbine entry temperature of the steam turbine is 565 °C, the engineers said.",
    "Philips sold more of its lighting business to investors, the company said.",
)
"""A story of many names, one paragraph each, for the slips a member makes in typing them."""

SLIPS = (
    ("What did Percy Shelly write after Peterloo?", "Percy Shelley"),
    ("Who paid for the advertisement at the Superbowl?", "Super Bowl"),
    ("What did Micheal Bloomberg pay for?", "Bloomberg"),
    ("What did Californian voters approve?", "California"),
    ("Boycotting and refusing to pay taxes are forms of what?", "civil disobedience"),
    ("Whatare the forces written as the sum of?", "electrostatic"),
    ("What was Ghandi's campaign called?", "satyagraha"),  # a letter moved
    ("What is the turbine entry temperature, in degrees Celsius?", "565 °C"),
)
"""Questions that misspell a name of ``SLIPS_STORY``, and what the first quote must hold."""

RESEMBLING = (
    ("What did Goodall say about the festival?", "Goodall"),  # "good all", in lower case
    ("What did Clearview sell to the festival?", "Clearview"),  # "clear view"
    ("Did Visa sponsor the festival?", "Visa"),  # swapped, "vias", which is not "via"
    ("What did Percy Bysshe write?", "Percy Bysshe"),  # a given name is not the whole name
    ("How hot is the turbine in Fahrenheit?", "Fahrenheit"),  # only °C is written
    ("What did Phillips sell?", "Phillips"),  # another name, not a doubled letter: "Philips"
    ("What did Moore sell to investors?", "Moore"),  # a name, not "more" misspelt
)
"""Names ``SLIPS_STORY`` only resembles: a slip that would make another name is refused."""

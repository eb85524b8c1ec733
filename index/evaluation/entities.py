"""Named entities by kind, for building near-topic unanswerable questions (see ``swap``).

Well-known names only: what a member might plausibly ask about in place of the one the coverage
covers. Each kind is a replacement pool; a question's entity is swapped only for one of its own
kind, so the question stays on topic ("What did Microsoft say?" becomes "What did Oracle say?").
"""

from __future__ import annotations

from typing import Literal

EntityKind = Literal["company", "person", "surname", "country", "city", "state", "organisation"]

COMPANIES = (
    "Amazon IBM Microsoft Google Apple Facebook Meta Netflix Tesla Intel Samsung Sony Nike "
    "Walmart Uber Lyft Twitter Oracle Adobe Spotify Disney Boeing Airbus Toyota Honda Ford "
    "Nvidia Qualcomm Cisco Salesforce PayPal eBay Alibaba Tencent Huawei Xiaomi Siemens Philips "
    "Unilever Pfizer Moderna Starbucks PepsiCo ExxonMobil Chevron Verizon Comcast Dell Lenovo "
    "Panasonic Nintendo Volkswagen BMW Dropbox Airbnb Shopify "
    "Costco Kroger Target Hyundai Kia Nissan Ferrari Gucci Prada Adidas Puma Heineken Nestle "
    "Danone Visa Mastercard Citigroup Goldman Barclays HSBC Deloitte Accenture Infosys Wipro "
    "Yahoo Reddit Pinterest LinkedIn Atlassian Palantir Clearview Motorola Ericsson Nokia"
).split()

PEOPLE = (
    "Tim Cook|Satya Nadella|Sundar Pichai|Mark Zuckerberg|Elon Musk|Bill Gates|Sheryl Sandberg|"
    "Warren Buffett|Jack Dorsey|Larry Page|Sergey Brin|Steve Jobs|Susan Wojcicki|Marissa Mayer|"
    "Angela Merkel|Emmanuel Macron|Justin Trudeau|Boris Johnson|Theresa May|Vladimir Putin|"
    "Xi Jinping|Narendra Modi|Jacinda Ardern|Nancy Pelosi|Mitch McConnell|Bernie Sanders|"
    "Elizabeth Warren|Kamala Harris|Joe Biden|Barack Obama|Hillary Clinton|Chuck Schumer|"
    "Ted Cruz|Rand Paul|Marco Rubio|Cory Booker|Amy Klobuchar|Pete Buttigieg|Greta Thunberg|"
    "Oprah Winfrey|Taylor Swift|Serena Williams|Roger Federer|Lionel Messi|Cristiano Ronaldo|"
    "LeBron James|Tom Brady|Usain Bolt|Malala Yousafzai|Edward Snowden|Julian Assange|"
    "Noam Chomsky|Stephen Hawking|Jane Goodall|Neil Armstrong|Marie Curie|Albert Einstein|"
    "Isaac Newton|Charles Darwin|Nelson Mandela|Martin Luther|Winston Churchill|Abraham Lincoln|"
    "George Washington|Thomas Jefferson|Napoleon Bonaparte|Queen Elizabeth|Pope Francis|"
    "Jeff Bezos|Andy Jassy|Brad Smith|Arvind Krishna|Ginni Rometty|Jack Ma|Masayoshi Son"
).split("|")

SURNAMES = tuple(name.split()[-1] for name in PEOPLE)

COUNTRIES = (
    "France|Germany|Italy|Spain|Portugal|Canada|Mexico|Brazil|Argentina|Chile|Peru|Colombia|"
    "Japan|China|India|Pakistan|Indonesia|Australia|Russia|Ukraine|Poland|Sweden|Norway|Finland|"
    "Denmark|Netherlands|Belgium|Switzerland|Austria|Greece|Turkey|Egypt|Nigeria|Kenya|Ethiopia|"
    "Morocco|Israel|Iran|Iraq|Syria|Vietnam|Thailand|Malaysia|Singapore|Philippines|Ireland|"
    "Scotland|Iceland|Hungary|Romania|Bulgaria|Serbia|Croatia|Cuba|Venezuela|Bolivia|Ecuador|"
    "Ghana|Senegal|Tanzania|Uganda|Zimbabwe|Mongolia|Nepal|Bangladesh|Afghanistan|Qatar|Kuwait"
).split("|")

CITIES = (
    "Seattle|Portland|Chicago|Boston|Denver|Atlanta|Houston|Dallas|Phoenix|Miami|Detroit|"
    "Baltimore|Philadelphia|Pittsburgh|Cleveland|Minneapolis|Nashville|Memphis|Austin|Orlando|"
    "London|Paris|Berlin|Madrid|Rome|Vienna|Prague|Warsaw|Lisbon|Dublin|Amsterdam|Brussels|"
    "Stockholm|Oslo|Helsinki|Copenhagen|Athens|Istanbul|Cairo|Lagos|Nairobi|Mumbai|Delhi|"
    "Tokyo|Osaka|Seoul|Beijing|Shanghai|Hanoi|Bangkok|Jakarta|Manila|Sydney|Melbourne|Toronto|"
    "Montreal|Vancouver|Lima|Santiago|Caracas|Havana|Moscow|Kyiv|Budapest|Bucharest|Zurich"
).split("|")

STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|"
    "Pennsylvania|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming"
).split("|")

ORGANISATIONS = (
    "FBI|CIA|NSA|NASA|NATO|ACLU|UNESCO|UNICEF|Greenpeace|Interpol|Europol|Amnesty International|"
    "Red Cross|World Bank|IMF|OPEC|Pentagon|Congress|Senate|Parliament|Supreme Court|EFF|"
    "Human Rights Watch|Electronic Frontier Foundation|Federal Trade Commission|FTC|FCC|SEC|"
    "World Health Organization|Federal Reserve|European Commission|Labour Party|Conservative Party|"
    "Democratic Party|Republican Party|Harvard|Stanford|Yale|Princeton|MIT|Oxford|Cambridge"
).split("|")

POOLS: dict[EntityKind, tuple[str, ...]] = {
    "company": tuple(COMPANIES),
    "person": tuple(PEOPLE),
    "surname": SURNAMES,
    "country": tuple(COUNTRIES),
    "city": tuple(CITIES),
    "state": tuple(STATES),
    "organisation": tuple(ORGANISATIONS),
}

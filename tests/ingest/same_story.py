"""One story as plain text and as a web page (used by test_same_story and bench/cleaners.py)."""

STORY_TXT = """U.S. Drone Strike Hits Militia Depot Near Al-Qaim

March 3, 2024

WASHINGTON — A U.S. drone strike destroyed a weapons depot used by Kataib Hezbollah near Al-Qaim on Saturday, Pentagon Press Secretary Maj. Gen. Pat Ryder said on Sunday.

"The strike was necessary and proportionate," Ryder told reporters. "We do not seek a wider war."

According to the press secretary, no civilians were hurt. Iraqi government spokesman Basim al-Awadi said Baghdad had not been told in advance.
"""

STORY_HTML = """<!doctype html>
<html lang="en"><head>
<title>U.S. Drone Strike Hits Militia Depot Near Al-Qaim | U.S. Department of Defense</title>
<meta property="og:site_name" content="U.S. Department of Defense">
<meta property="article:published_time" content="2024-03-03T10:00:00Z"></head>
<body>
<section class="usa-banner"><div>An official website of the United States government</div>
<button>Here's how you know</button></section>
<header><nav><a href="/">Home</a> | <a href="/news">News</a></nav></header>
<main><article>
<h1>U.S. Drone Strike Hits Militia Depot Near Al-Qaim</h1>
<p class="date"><time datetime="2024-03-03">March 3, 2024</time></p>
<figure><img src="x.jpg" alt="A drone"><figcaption>An MQ-9 Reaper. Photo by Staff Sgt. Jane Roe
(ID 8812345)</figcaption></figure>
<p><strong>WASHINGTON</strong> — A U.S. drone strike destroyed a weapons depot used by
<a href="/kh">Kataib Hezbollah</a> near Al-Qaim on Saturday, Pentagon Press Secretary Maj. Gen.
<a href="/bio/ryder">Pat Ryder</a> said on Sunday.</p>
<p>"The strike was necessary and proportionate," Ryder told reporters. "We do not seek a wider
war."</p>
<p>According to the press secretary, no civilians were hurt. Iraqi government spokesman
<em>Basim al-Awadi</em> said Baghdad had not been told in advance.</p>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a></div>
</article></main>
<footer><p>Comments are closed.</p></footer>
</body></html>
"""

"""Questions: ``/ask`` and mentions, answered on a pool of their own, read in conversation.

* :mod:`bot.ask.commands`: the extension that serves ``/ask question:`` and "@coverbot question";
* :mod:`bot.ask.pool`: the answering pool, a bounded executor with back-pressure, so the event
  loop never blocks and a busy bot says so;
* :mod:`bot.ask.pool_report`: the extension that reports the pool's figures in
  ``/coverage status`` and the log;
* :mod:`bot.ask.followups` and :mod:`bot.ask.conversations`: which earlier questions a reply or a
  thread message continues, and the store that keeps them;
* :mod:`bot.ask.cooldown`: the per-member cooldown both paths share;
* :mod:`bot.ask.mentions`: sending a mention's reply within the channel's permissions.
"""

"""Pure-Python core of Diptych: no Textual, no SQL.

Documents, spans, offsets, sentence splitting, anchoring and display
sanitising live here so that the CLI, the store and the TUI share one
definition of each.
"""

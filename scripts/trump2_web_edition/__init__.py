"""The web edition of 王子旗《特朗普 2.0 时期美台高科技产业合作趋势研究》 and the tools behind it."""

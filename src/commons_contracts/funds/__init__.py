"""Hosted funds: what the host holds for each commons, and pays out on the community's decision
(DESIGN.md section 12, docs/funds.md)."""

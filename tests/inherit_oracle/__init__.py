"""App label `inherit_oracle`: the models of tests/inheritance_scenario.py
(proxy models, abstract parents,
multi-table inheritance), run on real Django and on djscratch."""

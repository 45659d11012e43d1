"""App label `inherit_oracle`: the models of tests/inheritance_scenario.py
(proxy models, abstract parents), run on real Django and on djscratch."""

"""App label `orm_oracle`: the models of tests/orm_scenario.py live here."""

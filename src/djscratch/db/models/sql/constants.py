"""The constants of Django's SQL layer (django/db/models/sql/constants.py),
for code that imports them; djscratch's compiler does not use them all.
"""

#: Rows a chunked fetch (QuerySet.iterator()) reads at a time.
GET_ITERATOR_CHUNK_SIZE = 100

# What a compiler's execute_sql() returns.
MULTI = "multi"
SINGLE = "single"
NO_RESULTS = "no results"
CURSOR = "cursor"
ROW_COUNT = "row count"

ORDER_DIR = {
    "ASC": ("ASC", "DESC"),
    "DESC": ("DESC", "ASC"),
}

# Join types.
INNER = "INNER JOIN"
LOUTER = "LEFT OUTER JOIN"

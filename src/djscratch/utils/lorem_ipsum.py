"""Lorem ipsum Latin text for the {% lorem %} tag: the classic paragraph,
its first 19 words, and random words, sentences and paragraphs from a fixed
vocabulary (django/utils/lorem_ipsum.py).
"""

__all__ = ["sentence", "paragraph", "paragraphs", "words"]

#: The standard "Lorem ipsum" paragraph.
COMMON_P = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod "
    "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim "
    "veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea "
    "commodo consequat. Duis aute irure dolor in reprehenderit in voluptate "
    "velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint "
    "occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
    "mollit anim id est laborum."
)

#: The vocabulary of random text (Django's, in Django's order).
WORDS = tuple("""
    exercitationem perferendis perspiciatis laborum eveniet sunt iure nam
    nobis eum cum officiis excepturi odio consectetur quasi aut quisquam vel
    eligendi itaque non odit tempore quaerat dignissimos facilis neque nihil
    expedita vitae vero ipsum nisi animi cumque pariatur velit modi natus
    iusto eaque sequi illo sed ex et voluptatibus tempora veritatis ratione
    assumenda incidunt nostrum placeat aliquid fuga provident praesentium rem
    necessitatibus suscipit adipisci quidem possimus voluptas debitis sint
    accusantium unde sapiente voluptate qui aspernatur laudantium soluta amet
    quo aliquam saepe culpa libero ipsa dicta reiciendis nesciunt doloribus
    autem impedit minima maiores repudiandae ipsam obcaecati ullam enim totam
    delectus ducimus quis voluptates dolores molestiae harum dolorem quia
    voluptatem molestias magni distinctio omnis illum dolorum voluptatum ea
    quas quam corporis quae blanditiis atque deserunt laboriosam earum
    consequuntur hic cupiditate quibusdam accusamus ut rerum error minus eius
    ab ad nemo fugit officia at in id quos reprehenderit numquam iste fugiat
    sit inventore beatae repellendus magnam recusandae quod explicabo
    doloremque aperiam consequatur asperiores commodi optio dolor labore
    temporibus repellat veniam architecto est esse mollitia nulla a similique
    eos alias dolore tenetur deleniti porro facere maxime corrupti
""".split())

#: The first 19 words of COMMON_P, lower case and without punctuation.
COMMON_WORDS = tuple(
    word.strip(",.").lower() for word in COMMON_P.split()[:19])


def sentence():
    """A random sentence: 1 to 5 comma-separated phrases of 3 to 12 words,
    capitalised, ending with "?" or "."."""
    import random  # (not at the top: a served page seldom needs it)

    phrases = [" ".join(random.sample(WORDS, random.randint(3, 12)))
               for _ in range(random.randint(1, 5))]
    text = ", ".join(phrases)
    return text[0].upper() + text[1:] + random.choice("?.")


def paragraph():
    """A random paragraph of 1 to 4 sentences."""
    import random

    return " ".join(sentence() for _ in range(random.randint(1, 4)))


def paragraphs(count, common=True):
    """`count` paragraphs: random ones, after COMMON_P when `common`."""
    return [COMMON_P if common and i == 0 else paragraph() for i in range(count)]


def words(count, common=True):
    """`count` words separated by spaces: the first of COMMON_WORDS when
    `common`, then random ones (no word twice within each len(WORDS))."""
    import random

    word_list = list(COMMON_WORDS) if common else []
    if count <= len(word_list):
        return " ".join(word_list[:count])
    count -= len(word_list)
    while count > 0:
        batch = min(count, len(WORDS))
        count -= batch
        word_list += random.sample(WORDS, batch)
    return " ".join(word_list)

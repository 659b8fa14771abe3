"""A password hasher for the tests: still argon2, at the lowest cost argon2 accepts.

The production hasher costs about 0.2 s per password on an idle two-core machine (a second on a
busy one), and the suite creates and signs in thousands of accounts. The hashes it makes are
real argon2 hashes (`argon2$...`), checked by the production hasher's own code, so a test that
asks "is this stored as argon2?" still means what it says.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB, argon2's floor for one lane
    parallelism = 1

#!/bin/sh
# Stand-in for Prisma's downloaded schema-engine binary, which cannot be fetched
# on this network. `prisma generate` does not need it; every command that does
# must fail loudly instead of pretending to succeed. Use `npm run db:migrate`
# and `npm run db:migration:create` (WebAssembly engine) instead.
echo "schema-engine is not available offline: use npm run db:migrate / db:migration:create (see README)" >&2
exit 1

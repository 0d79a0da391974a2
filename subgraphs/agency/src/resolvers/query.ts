import { badInput, decodeCursor, pageSize, toConnection } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  async agencies(_parent, { first, after }, { repo }) {
    const size = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const page = await repo.listByName(size + 1, cursor ? { name: String(cursor[0]), id: String(cursor[1]) } : null);
    return toConnection(page.rows, size, page.totalCount, (row) => [row.name, row.id]);
  },
  async agency(_parent, { id, slug }, { loaders }) {
    if ((id == null) === (slug == null)) throw badInput('Give exactly one of id or slug');
    return id != null ? loaders.agencyById.load(id) : loaders.agencyBySlug.load(slug as string);
  },
  businessTypes: (_parent, _args, { repo }) => repo.allBusinessTypes(),
};

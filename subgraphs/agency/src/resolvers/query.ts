import { createHash } from 'node:crypto';
import { badInput } from '@market/kit';
import { isAdmin, requireViewer } from '../domain/access';
import { directoryQuery, encodeDirectoryCursor } from '../domain/directory';
import type { QueryResolvers } from '../generated/resolvers-types';
import { NO_DISTANCE } from '../store/directory';
import type { ListedAgency } from '../store/schema';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

type Listed = ListedAgency & { score: number; bayesianRating: number };

export const Query: QueryResolvers = {
  async agencies(_parent, args, { repo, viewer }) {
    const query = directoryQuery(args, isAdmin(viewer));
    const page = await repo.directory(query);
    const rows = (page.rows as Listed[]).slice(0, query.size);
    const edges = rows.map((row) => ({ cursor: cursorOf(query.sort, row), node: row }));
    return {
      edges,
      pageInfo: { hasNextPage: page.rows.length > query.size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  },
  async agency(_parent, { id, slug }, { loaders }) {
    if ((id == null) === (slug == null)) throw badInput('Give exactly one of id or slug', id == null ? 'id' : 'slug');
    return id != null ? loaders.agencyById.load(id) : loaders.agencyBySlug.load(slug as string);
  },
  businessTypes: (_parent, _args, { repo }) => repo.allBusinessTypes(),
  async agencyInvitation(_parent, { token }, { repo, viewer }) {
    requireViewer(viewer);
    if (!token.trim()) throw badInput('token must not be empty', 'token');
    return repo.invitationByTokenHash(tokenHash(token.trim()));
  },
};

function cursorOf(sort: 'RANK' | 'RATING' | 'DISTANCE' | 'NEWEST', row: Listed): string {
  switch (sort) {
    case 'RANK':
      return encodeDirectoryCursor({ sort, score: Number(row.score), createdAt: row.createdAt, id: row.id });
    case 'RATING':
      return encodeDirectoryCursor({ sort, rating: Number(row.bayesianRating), id: row.id });
    case 'DISTANCE':
      return encodeDirectoryCursor({ sort, distanceKm: row.distanceKm ?? NO_DISTANCE, id: row.id });
    case 'NEWEST':
      return encodeDirectoryCursor({ sort, createdAt: row.createdAt, id: row.id });
  }
}

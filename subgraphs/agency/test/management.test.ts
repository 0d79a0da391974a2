import { randomUUID } from 'node:crypto';
import type { Viewer } from '@market/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, codeOf, openHarness, storeTargets, user, type Harness } from './harness';

// Agencies run by their members and kept honest by admins: authorization of every mutation,
// members and invitations, the ledger, penalties and the ranking, and the event handlers.

const CREATE = `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id slug status viewerRole members { user { id } role } } }`;
const VIEW = `query ($id: ID!) { agency(id: $id) {
  id name status statusReason verifiedAt viewerRole rating reviewCount
  documents { id status } members { user { id } role } invitations { id email status role }
  finances { commissionPercent balance { amount currency } depositBalance { amount } penaltiesTotal { amount } commissionTotal { amount }
             penalties { id amount { amount } reason issuedBy { id } } ledger(first: 50) { totalCount edges { node { kind amount { amount } reference } } } }
  ranking { score tier position positionOf positionScope breakdown { key points } }
} }`;

interface AgencyView {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  verifiedAt: string | null;
  viewerRole: string | null;
  rating: number | null;
  reviewCount: number;
  documents: { id: string; status: string }[] | null;
  members: { user: { id: string }; role: string }[] | null;
  invitations: { id: string; email: string; status: string; role: string }[] | null;
  finances: {
    commissionPercent: number;
    balance: { amount: number; currency: string };
    depositBalance: { amount: number };
    penaltiesTotal: { amount: number };
    commissionTotal: { amount: number };
    penalties: { id: string; amount: { amount: number }; reason: string; issuedBy: { id: string } }[];
    ledger: { totalCount: number; edges: { node: { kind: string; amount: { amount: number }; reference: string | null } }[] };
  } | null;
  ranking: {
    score: number;
    tier: string;
    position: number | null;
    positionOf: number | null;
    positionScope: string | null;
    breakdown: { key: string; points: number }[];
  };
}

const agencyInput = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `${name} fixes things.`,
  businessTypes: ['TECHNICAL'],
  city: 'Berlin',
  region: 'DE-BE',
  location: { lat: 52.52, lng: 13.4 },
  serviceAreas: [{ center: { lat: 52.52, lng: 13.4 }, radiusKm: 20 }],
  ...extra,
});

describe.each(storeTargets)('agency management on $name', (target) => {
  let h: Harness;
  const root = admin();
  const owner = user(['AGENCY_OWNER']);
  const staff = user(['AGENCY_STAFF']);
  const stranger = user();
  let agencyId = '';
  const view = (viewer: Viewer | null, id = agencyId) => h.ok<{ agency: AgencyView }>(VIEW, { id }, viewer).then((r) => r.agency);

  beforeAll(async () => {
    h = await openHarness(target);
    const created = await h.ok<{ createAgency: { id: string; slug: string; status: string; viewerRole: string } }>(
      CREATE,
      { input: agencyInput('Müller & Söhne Haustechnik') },
      owner,
    );
    agencyId = created.createAgency.id;
    expect(created.createAgency).toMatchObject({ slug: 'muller-and-sohne-haustechnik', status: 'PENDING_REVIEW', viewerRole: 'OWNER' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates agencies with unique slugs and records agency.created and agency.member.added', async () => {
    const second = await h.ok<{ createAgency: { slug: string; id: string } }>(
      CREATE,
      { input: agencyInput('Müller & Söhne Haustechnik') },
      user(),
    );
    expect(second.createAgency.slug).toBe('muller-and-sohne-haustechnik-2');
    const taken = await h.run(CREATE, { input: agencyInput('Other', { slug: 'muller-and-sohne-haustechnik' }) }, user());
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    const events = await h.outbox();
    const created = events.find((e) => e.type === 'agency.created' && e.data.agencyId === agencyId);
    expect(created?.data).toMatchObject({
      slug: 'muller-and-sohne-haustechnik',
      status: 'PENDING_REVIEW',
      businessTypes: ['TECHNICAL'],
      region: 'DE-BE',
      ownerId: owner.id,
    });
    // userRoles: the owner's roles across every agency (SSO keeps AGENCY_OWNER / AGENCY_STAFF equal to them).
    expect(events).toContainEqual({
      type: 'agency.member.added',
      data: { agencyId, userId: owner.id, role: 'OWNER', userRoles: ['OWNER'] },
    });
  });

  it('validates input field by field and changes nothing', async () => {
    const before = (await h.outbox()).length;
    const cases: [Record<string, unknown>, string][] = [
      [agencyInput(' '), 'input.name'],
      [agencyInput('Valid', { businessTypes: [] }), 'input.businessTypes'],
      [agencyInput('Valid', { businessTypes: ['NOPE'] }), 'input.businessTypes'],
      [agencyInput('Valid', { region: 'Berlin' }), 'input.region'],
      [agencyInput('Valid', { location: { lat: 100, lng: 0 } }), 'input.location.lat'],
      [agencyInput('Valid', { contact: { phone: '0301234' } }), 'input.contact.phone'],
      [agencyInput('Valid', { contact: { email: 'not-mail' } }), 'input.contact.email'],
      [agencyInput('Valid', { serviceAreas: [{ center: { lat: 52, lng: 13 } }] }), 'input.serviceAreas[0].radiusKm'],
      [agencyInput('Valid', { serviceAreas: [{ regionCodes: ['xx'] }] }), 'input.serviceAreas[0].regionCodes[0]'],
      [agencyInput('Valid', { serviceAreas: [{ label: 'nothing' }] }), 'input.serviceAreas[0]'],
    ];
    for (const [input, field] of cases) {
      const result = await h.run(CREATE, { input }, user());
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(codeOf(await h.run(CREATE, { input: agencyInput('Anonymous') }, null))).toBe('UNAUTHENTICATED');
    expect((await h.outbox()).length).toBe(before);
  });

  it('authorizes every mutation: owners, staff, strangers and admins', async () => {
    // Staff joins through an invitation (below it is tested in detail).
    const invite = await h.ok<{ inviteAgencyMember: { id: string } }>(
      `mutation ($a: ID!) { inviteAgencyMember(agencyId: $a, email: "staff@example.net", role: STAFF) { id } }`,
      { a: agencyId },
      owner,
    );
    expect(invite.inviteAgencyMember.id).toBeTruthy();
    const link = (await h.outbox()).filter((e) => e.type === 'agency.invitation.created').at(-1)!.data.acceptUrl as string;
    await h.ok(`mutation ($t: String!) { acceptAgencyInvitation(token: $t) { id } }`, { t: link.split('/').at(-1) }, staff);

    const documentId = randomUUID();
    const m = {
      update: [`mutation ($a: ID!) { updateAgency(id: $a, input: { description: "Updated." }) { id } }`, { a: agencyId }],
      areas: [
        `mutation ($a: ID!) { setAgencyServiceAreas(agencyId: $a, areas: [{ regionCodes: ["DE-BE"] }, { center: { lat: 52.5, lng: 13.4 }, radiusKm: 15 }]) { id } }`,
        { a: agencyId },
      ],
      document: [
        `mutation ($a: ID!, $f: ID!) { addAgencyDocument(agencyId: $a, fileId: $f, kind: "INSURANCE") { id status } }`,
        { a: agencyId, f: documentId },
      ],
      invite: [`mutation ($a: ID!) { inviteAgencyMember(agencyId: $a, email: "x@example.net") { id } }`, { a: agencyId }],
      remove: [`mutation ($a: ID!, $u: ID!) { removeAgencyMember(agencyId: $a, userId: $u) { id } }`, { a: agencyId, u: randomUUID() }],
      status: [`mutation ($a: ID!) { setAgencyStatus(id: $a, status: VERIFIED) { id } }`, { a: agencyId }],
      commission: [`mutation ($a: ID!) { setAgencyCommission(id: $a, percent: 12.5) { id } }`, { a: agencyId }],
      deposit: [`mutation ($a: ID!) { recordAgencyDeposit(agencyId: $a, amount: 100000) { id } }`, { a: agencyId }],
      penalty: [`mutation ($a: ID!) { issueAgencyPenalty(agencyId: $a, amount: 5000, reason: "Late twice") { id } }`, { a: agencyId }],
      businessType: [`mutation { createBusinessType(code: "GARDENING", label: "Gardening") { code } }`, {}],
    } as const;
    const code = async (name: keyof typeof m, viewer: Viewer | null) => codeOf(await h.run(m[name][0], m[name][1], viewer));

    // Strangers may do nothing; anonymous callers must sign in.
    for (const name of Object.keys(m) as (keyof typeof m)[]) {
      expect(await code(name, stranger), `stranger ${name}`).toBe('FORBIDDEN');
      expect(await code(name, null), `anonymous ${name}`).toBe('UNAUTHENTICATED');
    }
    // An ADMIN role without the admin:agencies scope is not enough.
    expect(await code('status', user(['ADMIN'], ['admin:users']))).toBe('FORBIDDEN');
    // Staff: profile, areas, documents — not members or money; admin actions for nobody but admins.
    expect(await code('update', staff)).toBeUndefined();
    expect(await code('areas', staff)).toBeUndefined();
    expect(await code('document', staff)).toBeUndefined();
    for (const name of ['invite', 'remove', 'status', 'commission', 'deposit', 'penalty', 'businessType'] as const)
      expect(await code(name, staff), `staff ${name}`).toBe('FORBIDDEN');
    // Owners: members and invitations too, but not the admin actions.
    expect(await code('invite', owner)).toBeUndefined();
    expect(await code('remove', owner)).toBe('BAD_USER_INPUT'); // not a member: allowed to try, refused on the input
    for (const name of ['status', 'commission', 'deposit', 'penalty', 'businessType'] as const)
      expect(await code(name, owner), `owner ${name}`).toBe('FORBIDDEN');
    // Admins everything.
    for (const name of ['update', 'status', 'commission', 'deposit', 'businessType'] as const)
      expect(await code(name, root), `admin ${name}`).toBeUndefined();
    expect(await code('businessType', root)).toBe('BAD_USER_INPUT'); // exists now
    expect(codeOf(await h.run(`mutation { createBusinessType(code: "lower", label: "x") { code } }`, {}, root))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.run(`mutation ($a: ID!) { updateAgency(id: $a, input: {}) { id } }`, { a: randomUUID() }, root))).toBe(
      'NOT_FOUND',
    );

    const agency = await view(root);
    expect(agency.status).toBe('VERIFIED');
    expect(agency.verifiedAt).not.toBeNull();
    expect(agency.finances?.commissionPercent).toBe(12.5);
  });

  it('shows member-only and owner-only fields to the right viewers', async () => {
    const asStranger = await view(stranger);
    expect(asStranger).toMatchObject({
      documents: null,
      members: null,
      invitations: null,
      finances: null,
      statusReason: null,
      viewerRole: null,
    });
    const asStaff = await view(staff);
    expect(asStaff.viewerRole).toBe('STAFF');
    expect(asStaff.members?.map((m) => m.role).sort()).toEqual(['OWNER', 'STAFF']);
    expect(asStaff.documents).toHaveLength(1);
    expect(asStaff.invitations).toBeNull();
    expect(asStaff.finances).toBeNull();
    const asOwner = await view(owner);
    expect(asOwner.invitations?.length).toBeGreaterThan(0);
    expect(asOwner.finances).not.toBeNull();
    const anonymous = await view(null);
    expect(anonymous.members).toBeNull();
  });

  it('invitations: token by mail link, single use, revocable, expiring after 7 days; the last owner stays', async () => {
    const invite = async (email: string, role = 'STAFF') => {
      await h.ok(
        `mutation ($a: ID!, $e: String!, $r: AgencyRole!) { inviteAgencyMember(agencyId: $a, email: $e, role: $r) { id } }`,
        { a: agencyId, e: email, r: role },
        owner,
      );
      const event = (await h.outbox()).filter((e) => e.type === 'agency.invitation.created').at(-1)!;
      expect(event.data).toMatchObject({ agencyId, email, role, agencyName: 'Müller & Söhne Haustechnik' });
      const url = event.data.acceptUrl as string;
      expect(url.startsWith('http://admin.test/invitations/')).toBe(true);
      return { id: event.data.invitationId as string, token: url.split('/').at(-1)! };
    };
    const accept = (token: string, viewer: Viewer | null) =>
      h.run(`mutation ($t: String!) { acceptAgencyInvitation(token: $t) { id viewerRole } }`, { t: token }, viewer);

    const coOwner = user();
    const first = await invite('co@example.net', 'OWNER');
    const seen = await h.ok<{ agencyInvitation: { email: string; status: string; agency: { id: string } } }>(
      `query ($t: String!) { agencyInvitation(token: $t) { email status agency { id } } }`,
      { t: first.token },
      coOwner,
    );
    expect(seen.agencyInvitation).toEqual({ email: 'co@example.net', status: 'PENDING', agency: { id: agencyId } });
    expect(codeOf(await accept(first.token, null))).toBe('UNAUTHENTICATED');
    const accepted = await accept(first.token, coOwner);
    expect(accepted.data).toEqual({ acceptAgencyInvitation: { id: agencyId, viewerRole: 'OWNER' } });
    expect(accepted.errors).toBeUndefined();
    expect((await accept(first.token, user())).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(codeOf(await accept('no-such-token', user()))).toBe('BAD_USER_INPUT');

    const revoked = await invite('gone@example.net');
    await h.ok(`mutation ($i: ID!) { revokeAgencyInvitation(id: $i) { status } }`, { i: revoked.id }, owner);
    expect(codeOf(await accept(revoked.token, user()))).toBe('BAD_USER_INPUT');

    const late = await invite('late@example.net');
    h.settings.clock = new Date(Date.now() + 7 * 86_400_000 + 1_000);
    try {
      expect((await accept(late.token, user())).errors?.[0]?.message).toMatch(/expired/);
      const statuses = (await view(owner)).invitations?.map((i) => [i.email, i.status]);
      expect(statuses).toContainEqual(['late@example.net', 'EXPIRED']);
      expect(statuses).toContainEqual(['gone@example.net', 'REVOKED']);
      expect(statuses).toContainEqual(['co@example.net', 'ACCEPTED']);
    } finally {
      h.settings.clock = null;
    }

    // Members: the co-owner may go, the last owner may not.
    const remove = (userId: string, viewer: Viewer) =>
      h.run(`mutation ($a: ID!, $u: ID!) { removeAgencyMember(agencyId: $a, userId: $u) { id } }`, { a: agencyId, u: userId }, viewer);
    expect((await remove(coOwner.id, owner)).errors).toBeUndefined();
    expect((await h.outbox()).filter((e) => e.type === 'agency.member.removed').map((e) => e.data)).toContainEqual({
      agencyId,
      userId: coOwner.id,
      role: 'OWNER',
      userRoles: [],
    });
    expect((await remove(owner.id, owner)).errors?.[0]?.message).toMatch(/last owner/);
    expect((await view(root)).members?.map((m) => m.user.id)).toContain(owner.id);
  });

  it('derives balances from the ledger; commission once per completed order, rounded half-up', async () => {
    const fresh = await h.ok<{ createAgency: { id: string } }>(CREATE, { input: agencyInput('Ledger Test GmbH') }, owner);
    const id = fresh.createAgency.id;
    await h.ok(`mutation ($a: ID!) { setAgencyCommission(id: $a, percent: 12.5) { id } }`, { a: id }, root);
    await h.ok(`mutation ($a: ID!) { recordAgencyDeposit(agencyId: $a, amount: 100000, note: "Initial deposit") { id } }`, { a: id }, root);
    await h.ok(`mutation ($a: ID!) { recordAgencyDeposit(agencyId: $a, amount: 30000, returned: true) { id } }`, { a: id }, root);
    const tooMuch = await h.run(
      `mutation ($a: ID!) { recordAgencyDeposit(agencyId: $a, amount: 80000, returned: true) { id } }`,
      { a: id },
      root,
    );
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    for (const [amount, field] of [
      [0, 'amount'],
      [-5, 'amount'],
    ] as const) {
      const bad = await h.run(
        `mutation ($a: ID!, $n: Int!) { recordAgencyDeposit(agencyId: $a, amount: $n) { id } }`,
        { a: id, n: amount },
        root,
      );
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const orderId = randomUUID();
    const completed = {
      orderId,
      number: 'ORD-1',
      customerId: randomUUID(),
      agencyId: id,
      action: 'COMPLETE',
      from: 'DELIVERED',
      to: 'COMPLETED',
      actorId: null,
      actorRole: 'CUSTOMER',
      note: null,
      at: new Date().toISOString(),
      placedAt: new Date(Date.now() - 86_400_000).toISOString(),
      dueDate: null,
      amount: 12_345,
      currency: 'EUR',
    };
    await h.deliver('order.transitioned', completed);
    await h.deliver('order.transitioned', completed); // redelivered under another id: still one commission
    const finances = (await view(owner, id)).finances!;
    // 12 345 × 12.5 % = 1 543.125 → 1 543 (half-up), a debit.
    expect(finances.commissionTotal.amount).toBe(1_543);
    expect(finances.depositBalance.amount).toBe(70_000);
    expect(finances.balance.amount).toBe(100_000 - 30_000 - 1_543);
    expect(finances.ledger.totalCount).toBe(3);
    expect(finances.ledger.edges.map((e) => [e.node.kind, e.node.amount.amount])).toEqual(
      expect.arrayContaining([
        ['DEPOSIT', 100_000],
        ['DEPOSIT_RETURN', -30_000],
        ['COMMISSION', -1_543],
      ]),
    );
  });

  it('a penalty debits the ledger, lowers the score and the position, and records agency.penalized', async () => {
    // Two agencies in the same group (Technical in DE-BY) with the same history: the older one leads.
    const make = async (name: string) =>
      (await h.ok<{ createAgency: { id: string } }>(CREATE, { input: agencyInput(name, { region: 'DE-BY' }) }, owner)).createAgency.id;
    const first = await make('Alpha Haustechnik');
    const second = await make('Beta Haustechnik');
    const before = { first: (await view(root, first)).ranking, second: (await view(root, second)).ranking };
    expect(before.first).toMatchObject({ position: 1, positionOf: 2, positionScope: 'Technical in DE-BY' });
    expect(before.second.position).toBe(2);

    const penalty = await h.ok<{ issueAgencyPenalty: { id: string; amount: { amount: number }; reason: string } }>(
      `mutation ($a: ID!) { issueAgencyPenalty(agencyId: $a, amount: 25000, reason: "Missed the appointment") { id amount { amount currency } reason } }`,
      { a: first },
      root,
    );
    const after = await view(root, first);
    expect(after.ranking.score).toBeLessThan(before.first.score);
    expect(after.ranking.breakdown.find((f) => f.key === 'PENALTIES')?.points).toBe(4); // 1 / (1 + 1 + 0.5) × 10
    expect(after.ranking.position).toBe(2);
    expect((await view(root, second)).ranking.position).toBe(1);
    expect(after.finances?.penaltiesTotal.amount).toBe(25_000);
    expect(after.finances?.balance.amount).toBe(-25_000);
    expect(after.finances?.penalties).toEqual([
      { id: penalty.issueAgencyPenalty.id, amount: { amount: 25_000 }, reason: 'Missed the appointment', issuedBy: { id: root.id } },
    ]);
    expect(after.finances?.ledger.edges[0]?.node).toEqual({
      kind: 'PENALTY',
      amount: { amount: -25_000 },
      reference: penalty.issueAgencyPenalty.id,
    });
    const events = await h.outbox();
    expect(events).toContainEqual({
      type: 'agency.penalized',
      data: {
        agencyId: first,
        penaltyId: penalty.issueAgencyPenalty.id,
        amount: 25_000,
        currency: 'EUR',
        reason: 'Missed the appointment',
        issuedBy: root.id,
      },
    });
    const bad = await h.run(`mutation ($a: ID!) { issueAgencyPenalty(agencyId: $a, amount: 100, reason: "") { id } }`, { a: first }, root);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('order and chat events feed rating, score and position; handlers are idempotent', async () => {
    const make = async (name: string) =>
      (await h.ok<{ createAgency: { id: string } }>(CREATE, { input: agencyInput(name, { region: 'DE-HH' }) }, owner)).createAgency.id;
    const leader = await make('Hamburg One');
    const climber = await make('Hamburg Two');
    expect((await view(root, climber)).ranking.position).toBe(2);
    const at = (minutes: number) => new Date(Date.now() - 60_000 * (100 - minutes)).toISOString();
    const orderId = randomUUID();
    const order = {
      orderId,
      number: 'ORD-2',
      customerId: randomUUID(),
      agencyId: climber,
      amount: 50_000,
      currency: 'EUR',
      dueDate: at(50),
      placedAt: at(0),
    };
    const events: [string, object][] = [
      ['order.placed', { ...order, title: 'Boiler', at: at(0) }],
      [
        'order.transitioned',
        { ...order, action: 'ACCEPT', from: 'PENDING', to: 'ACCEPTED', actorId: null, actorRole: 'AGENCY_OWNER', note: null, at: at(10) },
      ],
      [
        'order.transitioned',
        {
          ...order,
          action: 'DELIVER',
          from: 'IN_PROGRESS',
          to: 'DELIVERED',
          actorId: null,
          actorRole: 'AGENCY_OWNER',
          note: null,
          at: at(40),
        },
      ],
      [
        'order.transitioned',
        { ...order, action: 'COMPLETE', from: 'DELIVERED', to: 'COMPLETED', actorId: null, actorRole: 'CUSTOMER', note: null, at: at(60) },
      ],
      ['order.reviewed', { orderId, reviewId: randomUUID(), agencyId: climber, customerId: order.customerId, rating: 5, at: at(70) }],
      [
        'message.sent',
        {
          messageId: randomUUID(),
          conversationId: `c-${orderId}`,
          kind: 'ORDER',
          orderId,
          agencyId: climber,
          senderId: order.customerId,
          senderSide: 'CUSTOMER',
          at: at(1),
        },
      ],
      [
        'message.sent',
        {
          messageId: randomUUID(),
          conversationId: `c-${orderId}`,
          kind: 'ORDER',
          orderId,
          agencyId: climber,
          senderId: owner.id,
          senderSide: 'AGENCY',
          at: at(21),
        },
      ],
    ];
    for (const [type, data] of events) await h.deliver(type, data);
    const once = await view(root, climber);
    expect(once.rating).toBe(5);
    expect(once.reviewCount).toBe(1);
    expect(once.ranking.position).toBe(1);
    expect((await view(root, leader)).ranking.position).toBe(2);
    const points = Object.fromEntries(once.ranking.breakdown.map((f) => [f.key, f.points]));
    expect(points.ON_TIME).toBe(10); // delivered at minute 40, due at minute 50
    expect(points.RESPONSE_TIME).toBe(10); // 20 minutes
    expect(points.COMPLETION).toBe(16.67); // (1 + 4) / (1 + 5) = 0.8333

    // Every event again (as a redelivery under new ids would): nothing changes.
    for (const [type, data] of events) await h.deliver(type, data);
    const twice = await view(root, climber);
    expect(twice.rating).toBe(once.rating);
    expect(twice.reviewCount).toBe(1);
    expect(twice.finances?.ledger.totalCount).toBe(1);
    expect(twice.ranking.breakdown).toEqual(
      once.ranking.breakdown.map((f) => (f.key === 'RECENCY' ? twice.ranking.breakdown.find((g) => g.key === 'RECENCY') : f)),
    );

    // Events for agencies this service does not know are ignored.
    await h.deliver('order.placed', { ...order, orderId: randomUUID(), agencyId: randomUUID(), title: 'x', at: at(0) });
  });

  it('suspending hides the agency from the directory and takes it out of the positions', async () => {
    const id = (await h.ok<{ createAgency: { id: string } }>(CREATE, { input: agencyInput('Suspend Me', { region: 'DE-SN' }) }, owner))
      .createAgency.id;
    const noReason = await h.run(`mutation ($a: ID!) { setAgencyStatus(id: $a, status: SUSPENDED) { id } }`, { a: id }, root);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    await h.ok(`mutation ($a: ID!) { setAgencyStatus(id: $a, status: SUSPENDED, reason: "Fraud reports") { id } }`, { a: id }, root);
    const asOwner = await view(owner, id);
    expect(asOwner.statusReason).toBe('Fraud reports');
    expect(asOwner.ranking.position).toBeNull();
    const listed = await h.ok<{ agencies: { edges: { node: { id: string } }[] } }>(
      `{ agencies(first: 100, filter: { region: "DE-SN" }) { edges { node { id } } } }`,
      {},
      stranger,
    );
    expect(listed.agencies.edges.map((e) => e.node.id)).not.toContain(id);
    expect((await h.outbox()).filter((e) => e.type === 'agency.updated' && e.data.agencyId === id).at(-1)?.data.status).toBe('SUSPENDED');
  });

  it('documents: staff upload, admins review (a rejection says why)', async () => {
    const add = await h.ok<{ addAgencyDocument: { id: string; status: string } }>(
      `mutation ($a: ID!, $f: ID!) { addAgencyDocument(agencyId: $a, fileId: $f, kind: "license") { id status } }`,
      { a: agencyId, f: randomUUID() },
      staff,
    );
    expect(add.addAgencyDocument.status).toBe('PENDING');
    const badFile = await h.run(
      `mutation ($a: ID!) { addAgencyDocument(agencyId: $a, fileId: "nope", kind: "LICENSE") { id } }`,
      { a: agencyId },
      staff,
    );
    expect(badFile.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileId' });
    const review = `mutation ($d: ID!, $s: DocumentStatus!, $n: String) { reviewAgencyDocument(id: $d, status: $s, note: $n) { status note reviewedBy { id } reviewedAt } }`;
    expect(codeOf(await h.run(review, { d: add.addAgencyDocument.id, s: 'APPROVED' }, staff))).toBe('FORBIDDEN');
    expect((await h.run(review, { d: add.addAgencyDocument.id, s: 'REJECTED' }, root)).errors?.[0]?.extensions).toMatchObject({
      field: 'note',
    });
    const rejected = await h.ok<{ reviewAgencyDocument: { status: string; note: string; reviewedBy: { id: string } } }>(
      review,
      { d: add.addAgencyDocument.id, s: 'REJECTED', n: 'Expired' },
      root,
    );
    expect(rejected.reviewAgencyDocument).toMatchObject({ status: 'REJECTED', note: 'Expired', reviewedBy: { id: root.id } });
    expect(codeOf(await h.run(`mutation ($d: ID!) { removeAgencyDocument(id: $d) }`, { d: add.addAgencyDocument.id }, stranger))).toBe(
      'FORBIDDEN',
    );
    expect(
      (
        await h.ok<{ removeAgencyDocument: boolean }>(
          `mutation ($d: ID!) { removeAgencyDocument(id: $d) }`,
          { d: add.addAgencyDocument.id },
          staff,
        )
      ).removeAgencyDocument,
    ).toBe(true);
  });

  it('User.agencies lists the memberships for the user themself and admins only', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id agencies { id } } } }`;
    const reps = { r: [{ __typename: 'User', id: staff.id }] };
    const self = await h.ok<{ _entities: { agencies: { id: string }[] | null }[] }>(query, reps, staff);
    expect(self._entities[0]?.agencies?.map((a) => a.id)).toEqual([agencyId]);
    expect((await h.ok<{ _entities: { agencies: unknown }[] }>(query, reps, root))._entities[0]?.agencies).toHaveLength(1);
    expect((await h.ok<{ _entities: { agencies: unknown }[] }>(query, reps, stranger))._entities[0]?.agencies).toBeNull();
  });
});

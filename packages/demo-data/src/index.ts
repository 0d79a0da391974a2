import { createHash } from 'node:crypto';

/**
 * The demo dataset every service seeds its own part of on first boot. It is
 * deterministic (fixed ids, fixed clock, seeded random numbers), so the seven
 * databases agree on the ids they share without talking to each other.
 * Development and test only: the sign-ins below have a public password.
 */

export const DEMO_PASSWORD = 'Demo-password-1';

export type DemoRole = 'CUSTOMER' | 'AGENCY_STAFF' | 'AGENCY_OWNER' | 'ADMIN';
export type DemoOrderStatus =
  'PENDING' | 'ACCEPTED' | 'IN_PROGRESS' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED' | 'DISPUTED' | 'RESOLVED' | 'REFUNDED';

export interface DemoUser {
  id: string;
  email: string;
  roles: DemoRole[];
  status: 'ACTIVE' | 'PENDING_VERIFICATION' | 'SUSPENDED' | 'BLOCKED';
  displayName: string;
  bio: string | null;
  locale: string;
  createdAt: Date;
  /** Shown in the start-up banner. */
  signIn: boolean;
}

export interface DemoBusinessType {
  code: string;
  label: string;
}

export interface DemoAgency {
  id: string;
  slug: string;
  name: string;
  description: string;
  businessTypes: string[];
  city: string;
  region: string;
  lat: number;
  lng: number;
  radiusKm: number;
  status: 'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED';
  ownerId: string | null;
  staffIds: string[];
  createdAt: Date;
}

export interface DemoOrder {
  id: string;
  number: string;
  customerId: string;
  agencyId: string;
  title: string;
  description: string;
  status: DemoOrderStatus;
  amount: number;
  currency: string;
  rating: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoConversation {
  id: string;
  kind: 'ORDER' | 'AGENCY' | 'DIRECT' | 'SUPPORT';
  orderId: string | null;
  agencyId: string | null;
  title: string;
  participantIds: string[];
  createdAt: Date;
}

export interface DemoMessage {
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
}

export interface DemoNotification {
  id: string;
  recipientId: string;
  channel: 'IN_APP' | 'EMAIL' | 'SMS' | 'PUSH';
  category: 'ORDERS' | 'MESSAGES' | 'PAYMENTS' | 'ACCOUNT' | 'MARKETING';
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
}

export interface DemoFile {
  id: string;
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  subjectType: 'ORDER' | 'AGENCY';
  subjectId: string;
  createdAt: Date;
}

export interface DemoDataset {
  users: DemoUser[];
  businessTypes: DemoBusinessType[];
  agencies: DemoAgency[];
  orders: DemoOrder[];
  conversations: DemoConversation[];
  messages: DemoMessage[];
  notifications: DemoNotification[];
  files: DemoFile[];
}

/** A stable UUID (RFC 4122 version 5 layout) for a kind and a natural key. */
export function demoId(kind: string, key: string): string {
  const hash = createHash('sha1').update(`market-demo:${kind}:${key}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: a deterministic random stream (the same numbers on every machine) for seeds and benchmarks. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
const day = 86_400_000;
const at = (days: number, hours = 0) => new Date(EPOCH + days * day + hours * 3_600_000);

const BUSINESS_TYPES: DemoBusinessType[] = [
  { code: 'TECHNICAL', label: 'Technical' },
  { code: 'CONSTRUCTION', label: 'Construction' },
  { code: 'REAL_ESTATE', label: 'Real estate' },
  { code: 'CLEANING', label: 'Cleaning' },
  { code: 'LEGAL', label: 'Legal' },
  { code: 'IT', label: 'IT' },
  { code: 'OTHER', label: 'Other' },
];

const CITIES = [
  { city: 'Berlin', region: 'DE-BE', lat: 52.52, lng: 13.405 },
  { city: 'Hamburg', region: 'DE-HH', lat: 53.551, lng: 9.993 },
  { city: 'Munich', region: 'DE-BY', lat: 48.137, lng: 11.575 },
  { city: 'Cologne', region: 'DE-NW', lat: 50.937, lng: 6.96 },
  { city: 'Frankfurt', region: 'DE-HE', lat: 50.11, lng: 8.682 },
  { city: 'Leipzig', region: 'DE-SN', lat: 51.34, lng: 12.375 },
  { city: 'Stuttgart', region: 'DE-BW', lat: 48.775, lng: 9.182 },
  { city: 'Dresden', region: 'DE-SN', lat: 51.05, lng: 13.738 },
];

const NAME_PARTS: Record<string, [string[], string[]]> = {
  TECHNICAL: [
    ['Spark', 'Volt', 'Current', 'Fixwell', 'Heatline'],
    ['Electrical', 'HVAC Services', 'Plumbing & Heating', 'Technical Services'],
  ],
  CONSTRUCTION: [
    ['Cornerstone', 'Keystone', 'Bricklane', 'Northwall', 'Timberframe'],
    ['Builders', 'Construction', 'Renovations', 'Roofing'],
  ],
  REAL_ESTATE: [
    ['Harbour', 'Parkside', 'Elm', 'Riverside', 'Lindenhof'],
    ['Properties', 'Estates', 'Realty', 'Homes'],
  ],
  CLEANING: [
    ['Sparkle', 'Freshstart', 'Clearview', 'Pristine', 'Greenleaf'],
    ['Cleaning', 'Facility Care', 'Cleaners'],
  ],
  LEGAL: [
    ['Becker', 'Hartmann', 'Vogel', 'Kraus', 'Lorenz'],
    ['& Partners', 'Legal', 'Law Office'],
  ],
  IT: [
    ['Bitforge', 'Cloudnine', 'Stacklane', 'Pixelworks', 'Nordbyte'],
    ['IT Services', 'Software', 'Digital', 'Systems'],
  ],
  OTHER: [
    ['Allround', 'Handy', 'Swift', 'Atlas', 'Metro'],
    ['Services', 'Helpers', 'Movers'],
  ],
};

const ORDER_TITLES: Record<string, string[]> = {
  TECHNICAL: ['Replace bathroom boiler', 'Install heat pump', 'Rewire kitchen', 'Annual heating service', 'Fix leaking radiator'],
  CONSTRUCTION: ['Loft conversion', 'Garden wall repair', 'New roof tiles', 'Kitchen extension', 'Balcony renovation'],
  REAL_ESTATE: ['Valuation of flat', 'Find a tenant', 'Sell family home', 'Rental contract review', 'Property inspection'],
  CLEANING: ['End-of-tenancy clean', 'Weekly office cleaning', 'Window cleaning', 'Carpet deep clean', 'Post-renovation clean'],
  LEGAL: ['Employment contract review', 'Company formation', 'Tenancy dispute advice', 'Will and estate planning', 'GDPR audit'],
  IT: ['Website redesign', 'Office network setup', 'Cloud migration', 'Security audit', 'Mobile app prototype'],
  OTHER: ['Furniture assembly', 'Move two-room flat', 'Garden maintenance', 'Event setup', 'Garage clear-out'],
};

const FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Felix',
  'Greta',
  'Hannes',
  'Ines',
  'Jonas',
  'Katrin',
  'Lukas',
  'Mara',
  'Nils',
  'Olga',
  'Paul',
  'Rosa',
  'Sami',
  'Tara',
  'Uwe',
];
const LAST = ['Schmidt', 'Meyer', 'Yilmaz', 'Fischer', 'Weber', 'Novak', 'Keller', 'Wagner', 'Rossi', 'Berg'];

const STATUS_WEIGHTS: [DemoOrderStatus, number][] = [
  ['PENDING', 18],
  ['ACCEPTED', 12],
  ['IN_PROGRESS', 16],
  ['DELIVERED', 10],
  ['COMPLETED', 28],
  ['CANCELLED', 8],
  ['DISPUTED', 4],
  ['RESOLVED', 2],
  ['REFUNDED', 2],
];

const MESSAGE_LINES = [
  'Hello! Thanks for the order, we can start next week.',
  'Great, what time suits you?',
  'Tuesday morning around 9 works for us.',
  'Perfect. Please make sure the access to the site is clear.',
  'Will do. Do you need anything else from us?',
  'A photo of the area would help us bring the right tools.',
  'Sent it as an attachment just now.',
  'Thanks, all clear. See you on Tuesday!',
];

function build(): DemoDataset {
  const rnd = seededRandom(20260105);
  const users: DemoUser[] = [];
  const addUser = (
    email: string,
    roles: DemoRole[],
    displayName: string,
    createdAt: Date,
    signIn = false,
    status: DemoUser['status'] = 'ACTIVE',
  ) => {
    const user: DemoUser = {
      id: demoId('user', email),
      email,
      roles,
      status,
      displayName,
      bio: signIn ? `Demo account (${roles.join(', ').toLowerCase()}).` : null,
      locale: rnd.pick(['en-GB', 'de-DE', 'en-US']),
      createdAt,
      signIn,
    };
    users.push(user);
    return user;
  };
  const customer = addUser('customer@example.com', ['CUSTOMER'], 'Casey Customer', at(0), true);
  const customer2 = addUser('customer2@example.com', ['CUSTOMER'], 'Robin Customer', at(1), true);
  const owner = addUser('owner@example.com', ['AGENCY_OWNER'], 'Olivia Owner', at(0, 1), true);
  const staff = addUser('staff@example.com', ['AGENCY_STAFF'], 'Sam Staff', at(0, 2), true);
  addUser('admin@example.com', ['ADMIN'], 'Ada Admin', at(0, 3), true);
  const customers = [customer, customer2];
  for (let i = 0; i < 30; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const status: DemoUser['status'] = i === 7 ? 'SUSPENDED' : i === 13 ? 'PENDING_VERIFICATION' : 'ACTIVE';
    customers.push(
      addUser(`${first}.${last}${i}@example.net`.toLowerCase(), ['CUSTOMER'], `${first} ${last}`, at(2 + i, i % 9), false, status),
    );
  }
  const owners: DemoUser[] = [];

  const agencies: DemoAgency[] = [];
  const usedSlugs = new Set<string>();
  for (let i = 0; i < 56; i++) {
    const type = (BUSINESS_TYPES[i % BUSINESS_TYPES.length] as DemoBusinessType).code;
    const [prefixes, suffixes] = NAME_PARTS[type] as [string[], string[]];
    const place = CITIES[(i * 3) % CITIES.length] as (typeof CITIES)[number];
    let name = `${rnd.pick(prefixes)} ${rnd.pick(suffixes)}`;
    let slug = `${name}-${place.city}`
      .toLowerCase()
      .replace(/&/g, 'and')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (i === 0) {
      name = 'Brightline Technical Services';
      slug = 'brightline-technical-services';
    }
    while (usedSlugs.has(slug)) slug = `${slug}-${i}`;
    usedSlugs.add(slug);
    const extra = rnd.next() < 0.3 ? [rnd.pick(BUSINESS_TYPES).code] : [];
    let ownerId: string | null = null;
    const staffIds: string[] = [];
    if (i === 0) {
      ownerId = owner.id;
      staffIds.push(staff.id);
    } else {
      const agencyOwner = addUser(
        `owner${i}@agencies.example.net`,
        ['AGENCY_OWNER'],
        `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
        at(i % 20, 3),
      );
      owners.push(agencyOwner);
      ownerId = agencyOwner.id;
    }
    agencies.push({
      id: demoId('agency', slug),
      slug,
      name,
      description: `${name} serves ${place.city} and the surrounding area. Fixed quotes, insured work and a named contact for every job.`,
      businessTypes: [...new Set([type, ...extra])],
      city: place.city,
      region: place.region,
      lat: Math.round((place.lat + (rnd.next() - 0.5) * 0.2) * 1e5) / 1e5,
      lng: Math.round((place.lng + (rnd.next() - 0.5) * 0.3) * 1e5) / 1e5,
      radiusKm: rnd.int(10, 60),
      status: i % 11 === 5 ? 'PENDING_REVIEW' : i % 17 === 9 ? 'SUSPENDED' : 'VERIFIED',
      ownerId,
      staffIds,
      createdAt: at(-120 + i * 2),
    });
  }

  const totalWeight = STATUS_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const pickStatus = (): DemoOrderStatus => {
    let roll = rnd.next() * totalWeight;
    for (const [status, weight] of STATUS_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return status;
    }
    return 'PENDING';
  };
  const orders: DemoOrder[] = [];
  for (let i = 0; i < 220; i++) {
    // The demo agency gets every status at least once; the demo customers get many orders.
    const agency = i < 18 ? (agencies[0] as DemoAgency) : rnd.pick(agencies);
    const cust = i % 3 === 0 ? customer : i % 5 === 0 ? customer2 : rnd.pick(customers);
    const status = i < 9 ? (STATUS_WEIGHTS[i] as [DemoOrderStatus, number])[0] : pickStatus();
    const type = agency.businessTypes[0] as string;
    const createdAt = at(-90 + Math.floor(i / 2.5), i % 10);
    const completed = status === 'COMPLETED' || status === 'RESOLVED';
    orders.push({
      id: demoId('order', String(i + 1)),
      number: `ORD-2026-${String(i + 1).padStart(6, '0')}`,
      customerId: cust.id,
      agencyId: agency.id,
      title: rnd.pick(ORDER_TITLES[type] as string[]),
      description: 'Details agreed in chat. Please bring your own materials and confirm the appointment a day ahead.',
      status,
      amount: rnd.int(40, 4800) * 100 + rnd.pick([0, 50, 99]),
      currency: 'EUR',
      rating: completed ? rnd.pick([3, 4, 4, 5, 5, 5]) : null,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + rnd.int(1, 20) * 3_600_000),
    });
  }

  const conversations: DemoConversation[] = [];
  const messages: DemoMessage[] = [];
  const membersOf = (agency: DemoAgency) => [agency.ownerId, ...agency.staffIds].filter((id): id is string => id !== null);
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  orders.forEach((order, index) => {
    const agency = agencyById.get(order.agencyId) as DemoAgency;
    const conversation: DemoConversation = {
      id: demoId('conversation', order.id),
      kind: 'ORDER',
      orderId: order.id,
      agencyId: agency.id,
      title: `${order.number}: ${order.title}`,
      participantIds: [order.customerId, ...membersOf(agency)],
      createdAt: order.createdAt,
    };
    conversations.push(conversation);
    const count = index < 40 ? 3 + (index % 6) : index % 4;
    for (let m = 0; m < count; m++) {
      const fromCustomer = m % 2 === 1;
      messages.push({
        id: demoId('message', `${conversation.id}:${m}`),
        conversationId: conversation.id,
        senderId: fromCustomer ? order.customerId : (agency.ownerId as string),
        body: MESSAGE_LINES[m % MESSAGE_LINES.length] as string,
        createdAt: new Date(order.createdAt.getTime() + (m + 1) * 1_800_000),
      });
    }
  });
  const support: DemoConversation = {
    id: demoId('conversation', 'support:customer'),
    kind: 'SUPPORT',
    orderId: null,
    agencyId: null,
    title: 'Question about invoices',
    participantIds: [customer.id],
    createdAt: at(30),
  };
  conversations.push(support);
  messages.push({
    id: demoId('message', 'support:1'),
    conversationId: support.id,
    senderId: customer.id,
    body: 'Where can I download the invoice for my last order?',
    createdAt: at(30, 1),
  });

  const notifications: DemoNotification[] = [];
  const signInUsers = users.filter((u) => u.signIn);
  let n = 0;
  for (const order of orders.slice(0, 120)) {
    const agency = agencyById.get(order.agencyId) as DemoAgency;
    const recipients = [order.customerId, agency.ownerId].filter((id): id is string => id !== null);
    for (const recipientId of recipients) {
      n += 1;
      notifications.push({
        id: demoId('notification', String(n)),
        recipientId,
        channel: rnd.pick(['IN_APP', 'IN_APP', 'EMAIL', 'PUSH', 'SMS'] as const),
        category: 'ORDERS',
        title:
          recipientId === order.customerId
            ? `Order ${order.number} is ${order.status.toLowerCase().replace('_', ' ')}`
            : `New activity on ${order.number}`,
        body: `${order.title} with ${agency.name}.`,
        readAt: rnd.next() < 0.6 ? new Date(order.updatedAt.getTime() + 3_600_000) : null,
        createdAt: order.updatedAt,
      });
    }
  }
  for (const user of signInUsers) {
    n += 1;
    notifications.push({
      id: demoId('notification', String(n)),
      recipientId: user.id,
      channel: 'EMAIL',
      category: 'ACCOUNT',
      title: 'Welcome to the marketplace',
      body: `Hi ${user.displayName}, your account is ready.`,
      readAt: null,
      createdAt: user.createdAt,
    });
  }

  const files: DemoFile[] = [];
  for (const agency of agencies) {
    for (const doc of ['Trade licence.pdf', 'Liability insurance.pdf']) {
      files.push({
        id: demoId('file', `${agency.id}:${doc}`),
        ownerId: agency.ownerId as string,
        name: doc,
        contentType: 'application/pdf',
        size: rnd.int(80, 900) * 1024,
        subjectType: 'AGENCY',
        subjectId: agency.id,
        createdAt: new Date(agency.createdAt.getTime() + day),
      });
    }
  }
  orders.slice(0, 80).forEach((order, i) => {
    if (i % 2 === 1) return;
    files.push({
      id: demoId('file', `${order.id}:photo`),
      ownerId: order.customerId,
      name: `site-photo-${i + 1}.jpg`,
      contentType: 'image/jpeg',
      size: rnd.int(300, 4000) * 1024,
      subjectType: 'ORDER',
      subjectId: order.id,
      createdAt: new Date(order.createdAt.getTime() + 600_000),
    });
  });

  return { users, businessTypes: BUSINESS_TYPES, agencies, orders, conversations, messages, notifications, files };
}

let cached: DemoDataset | undefined;
/** The demo dataset (built once per process). */
export function demoData(): DemoDataset {
  cached ??= build();
  return cached;
}

// The information screen's view of the catalogue: grouping, search, paging and the order
// requirements are read in. Pure functions, so the screen stays a thin layer.
import type { Requirement, Service, ServiceKind } from '../../lib/ipc/bindings';

/** Services on one page of the list: big buttons, so few of them. */
export const PAGE_SIZE = 6;

const KIND_ORDER: readonly ServiceKind[] = ['izin', 'non-izin'];

/** Lower case, no accents, single spaces: what search compares. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('id')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Permits first, then the rest; sectors alphabetically; the office's order within a sector. */
export function sortServices(services: readonly Service[]): Service[] {
  const kindRank = (kind: ServiceKind) => {
    const i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return services
    .map((service, index) => ({ service, index }))
    .sort(
      (a, b) =>
        kindRank(a.service.kind) - kindRank(b.service.kind) ||
        a.service.sector.localeCompare(b.service.sector, 'id') ||
        a.index - b.index,
    )
    .map((entry) => entry.service);
}

/**
 * The services whose name, sector or a requirement's name holds every word of `query`
 * (case and accents ignored). An empty query keeps them all.
 */
export function searchServices(services: readonly Service[], query: string): Service[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...services];
  return services.filter((service) => {
    const haystack = fold([service.name, service.sector, ...service.requirements.map((r) => r.name)].join(' \n '));
    return words.every((word) => haystack.includes(word));
  });
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The services of page `page` (0-based), clamped to the last page. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): T[] {
  const last = pageCount(items.length, size) - 1;
  const p = Math.min(Math.max(0, page), last);
  return items.slice(p * size, (p + 1) * size);
}

export type SectorGroup = { sector: string; services: Service[] };
export type KindGroup = { kind: ServiceKind; sectors: SectorGroup[] };

/** Already sorted services under their kind and sector headings (repeated on every page). */
export function groupServices(services: readonly Service[]): KindGroup[] {
  const groups: KindGroup[] = [];
  for (const service of services) {
    let kind = groups.at(-1);
    if (!kind || kind.kind !== service.kind) {
      kind = { kind: service.kind, sectors: [] };
      groups.push(kind);
    }
    let sector = kind.sectors.at(-1);
    if (!sector || sector.sector !== service.sector) {
      sector = { sector: service.sector, services: [] };
      kind.sectors.push(sector);
    }
    sector.services.push(service);
  }
  return groups;
}

/** Requirements as a citizen reads them: always needed, needed in a case, optional. */
export function requirementGroups(requirements: readonly Requirement[]): {
  mandatory: Requirement[];
  conditional: Requirement[];
  optional: Requirement[];
} {
  return {
    mandatory: requirements.filter((r) => r.mandatory),
    conditional: requirements.filter((r) => !r.mandatory && !!r.condition?.trim()),
    optional: requirements.filter((r) => !r.mandatory && !r.condition?.trim()),
  };
}

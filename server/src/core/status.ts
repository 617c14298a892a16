/**
 * A decision's status, as real teams write it: the lifecycle (proposed, accepted, rejected,
 * deprecated, superseded) and the words teams use for each, in the five languages Charter
 * reads. One table: what a status line says, and that a bracketed status (`[Accepted]`) is a
 * value, not a template's placeholder.
 */

/** The statuses of a decision's life. */
export const STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type Status = (typeof STATUSES)[number];

/** The words for each status (lower case, accents dropped), English first, then pt, es, fr, de. */
export const STATUS_WORDS: Readonly<Record<Status, readonly string[]>> = {
  proposed: [
    'proposed', 'proposal', 'draft', 'in review', 'under review', 'in discussion', 'under discussion', 'open', 'pending', 'rfc', 'wip', 'in progress', 'planned', 'provisional', 'tentative', 'candidate', 'new',
    // Read in the real-world corpus: GSA's "Pending review", Tekton's "implementable" is its
    // accepted-for-work step (below), CometBFT's "In review", opendatahub's "Review".
    'review', 'in draft', 'reviewing', 'ready for review', 'under consideration', 'to do', 'experimental',
    'proposto', 'proposta', 'rascunho', 'em revisao', 'em discussao', 'pendente',
    'propuesto', 'propuesta', 'borrador', 'en revision', 'en discusion', 'pendiente',
    'propose', 'proposee', 'brouillon', 'en cours', 'en revue', 'en discussion', 'a valider',
    'vorgeschlagen', 'vorschlag', 'entwurf', 'in prufung', 'in diskussion', 'offen',
    'em andamento', 'em analise', 'en progreso', 'en analisis', 'en attente', 'a l etude', 'in arbeit', 'in bearbeitung',
  ],
  accepted: [
    'accepted', 'approved', 'agreed', 'adopted', 'decided', 'implemented', 'done', 'active', 'final', 'completed', 'complete', 'in effect', 'valid', 'current', 'ratified', 'merged', 'shipped', 'live',
    // Tekton's TEP lifecycle: implementable, implementing, implemented; GSA's "Decided".
    'implementable', 'implementing', 'in force',
    'aceito', 'aceita', 'aprovado', 'aprovada', 'adotado', 'implementado', 'vigente',
    'aceptado', 'aceptada', 'aprobado', 'aprobada', 'adoptado', 'implementado', 'vigente',
    'accepte', 'acceptee', 'approuve', 'approuvee', 'adopte', 'adoptee', 'valide', 'validee', 'mis en oeuvre', 'en vigueur',
    'akzeptiert', 'angenommen', 'genehmigt', 'beschlossen', 'umgesetzt', 'gultig', 'aktiv',
    'implementada', 'implemente', 'implementee', 'abgeschlossen', 'freigegeben', 'entschieden',
  ],
  rejected: [
    'rejected', 'declined', 'withdrawn', 'abandoned', 'dropped', 'cancelled', 'canceled', 'not accepted', 'refused', 'postponed', 'deferred', 'on hold', 'retracted', 'parked', 'shelved',
    'rejeitado', 'rejeitada', 'recusado', 'recusada', 'cancelado', 'cancelada', 'retirado',
    'rechazado', 'rechazada', 'retirado', 'retirada', 'cancelado', 'descartado',
    'rejete', 'rejetee', 'refuse', 'refusee', 'abandonne', 'abandonnee', 'annule', 'annulee', 'retire',
    'abgelehnt', 'zuruckgezogen', 'verworfen', 'abgebrochen',
  ],
  deprecated: [
    'deprecated', 'obsolete', 'retired', 'outdated', 'legacy', 'archived', 'sunset', 'no longer valid', 'historical', 'inactive', 'reverted', 'revoked', 'deprecated by',
    'obsoleto', 'obsoleta', 'descontinuado', 'arquivado', 'depreciado',
    'obsoleto', 'obsoleta', 'desaprobado', 'archivado', 'en desuso',
    'obsolete', 'deprecie', 'depreciee', 'archive', 'archivee', 'perime',
    'veraltet', 'uberholt', 'archiviert', 'abgekundigt', 'deprecated',
  ],
  superseded: [
    'superseded', 'replaced', 'superseded by', 'replaced by', 'amended', 'amended by', 'overridden', 'succeeded',
    // "Superceded entirely by …" (OpenTelemetry's OTEPs): the common misspelling.
    'superceded', 'superceded by', 'obsoleted by',
    'substituido', 'substituida', 'substituido por', 'substituida por', 'suplantado',
    'reemplazado', 'reemplazada', 'sustituido', 'sustituida', 'reemplazado por', 'sustituido por',
    'remplace', 'remplacee', 'remplace par', 'remplacee par', 'supplante',
    'ersetzt', 'ersetzt durch', 'abgelost', 'abgelost durch',
  ],
};

const byWord = new Map<string, Status>();
for (const s of STATUSES) for (const w of STATUS_WORDS[s]) if (!byWord.has(w)) byWord.set(w, s);

/** A word or phrase as the table keys it: lower case, accents and punctuation dropped. */
export function statusKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The status a word or short phrase names ("Accepted", "Aceito", "In review"), if any. */
export function statusOf(text: string): Status | undefined {
  return byWord.get(statusKey(text));
}

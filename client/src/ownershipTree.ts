/**
 * The "Who owns what" view: the server's ownership model as a tree, grouped by team first
 * when a folder has several charters, then by person (role shown; responsibilities,
 * documents, areas and decisions under each) or by area. Each team opens with its balance
 * summary and its unowned decisions.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OwnershipRequest, type OwnershipDecisions, type OwnershipRecord, type OwnershipResponsibility } from '../../server/src/lsp/protocol';
import { AREA, AREAS, AREA_LABEL, type Area } from '../../server/src/core/areas';
import { readOwnership, type Folder, type Item, type Ownership, type Person, type Team } from './ownershipModel';

/** How the view groups what people own. */
export type Grouping = 'person' | 'area';

/** The areas' short questions, for the "by area" grouping (the vocabulary is core/areas.ts). */
const AREA_TEXT = Object.fromEntries(AREAS.map((a) => [a, AREA[a].summary])) as Record<Area, string>;

/** The icon of each status group. */
const STATUS_ICON: Record<string, string> = {
  proposed: 'git-pull-request-draft',
  accepted: 'pass',
  rejected: 'circle-slash',
  deprecated: 'archive',
  superseded: 'arrow-swap',
  unknown: 'question',
};

/** A node of the tree. */
export type Node =
  | { type: 'folder'; folder: Folder }
  | { type: 'team'; team: Team; folder: Folder }
  | { type: 'summary'; team: Team }
  | { type: 'note'; text: string; key: string }
  | { type: 'responsibility'; responsibility: OwnershipResponsibility; owner?: string }
  | { type: 'unowned'; folder: Folder | undefined; items: Item[]; team?: string }
  | { type: 'person'; person: Person; team?: string }
  | { type: 'area'; area: (typeof AREAS)[number] | 'none'; items: { item: Item; what: 'area' | 'decision'; owner: string }[]; team?: string }
  | { type: 'attention'; decisions: OwnershipDecisions; key: string }
  | { type: 'attentionRule'; group: OwnershipDecisions['attention'][number]; key: string }
  | { type: 'finding'; finding: OwnershipDecisions['attention'][number]['items'][number]; rule: string }
  | { type: 'statuses'; decisions: OwnershipDecisions; key: string }
  | { type: 'status'; group: OwnershipDecisions['statuses'][number]; key: string }
  | { type: 'record'; record: OwnershipRecord; status: string }
  | { type: 'item'; item: Item; what: 'document' | 'area' | 'decision'; owner?: string; unowned?: boolean; written?: string; outside?: string };

export class OwnershipTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly unownedChanged = new vscode.EventEmitter<number>();
  /** Fires with the number of unowned decisions whenever the model is fetched or the server says it changed. */
  readonly onDidChangeUnowned = this.unownedChanged.event;
  private model: Promise<Ownership | undefined> | undefined;
  grouping: Grouping = 'person';

  constructor(private readonly client: () => LanguageClient | undefined) {
    void vscode.commands.executeCommand('setContext', 'charter.groupBy', this.grouping);
  }

  /**
   * Fetches the model again and redraws. The server's count of unowned decisions, when
   * given, updates the badge at once: a hidden view fetches nothing until it is shown.
   */
  refresh(unownedCount?: number): void {
    if (unownedCount !== undefined) this.unownedChanged.fire(unownedCount);
    this.model = undefined;
    this.changed.fire(undefined);
  }

  setGrouping(g: Grouping): void {
    this.grouping = g;
    void vscode.commands.executeCommand('setContext', 'charter.groupBy', g);
    this.changed.fire(undefined);
  }

  /** The ownership model (fetched once per refresh). */
  fetch(): Promise<Ownership | undefined> {
    if (!this.model) {
      const c = this.client();
      this.model = c
        ? c.sendRequest(OwnershipRequest.type, {}).then(
            (r) => {
              const m = readOwnership(r);
              this.unownedChanged.fire(m.unownedCount);
              return m;
            },
            () => undefined,
          )
        : Promise.resolve(undefined);
    }
    return this.model;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const model = await this.fetch();
    if (!model) return [];
    if (!node) {
      const empty = model.folders.every((f) => f.people.length === 0 && f.unowned.length === 0);
      if (empty) return []; // the welcome content shows
      if (model.folders.length === 1) return this.folderChildren(model.folders[0]);
      const all = model.folders.flatMap((f) => f.unowned);
      return [{ type: 'unowned', folder: undefined, items: all }, ...model.folders.map((folder) => ({ type: 'folder' as const, folder }))];
    }
    switch (node.type) {
      case 'folder':
        return this.folderChildren(node.folder, false);
      case 'team':
        return this.teamChildren(node.team);
      case 'summary': {
        const t = node.team;
        return [
          ...t.summary.lines.map((text, i) => ({ type: 'note' as const, text, key: `${t.charter ?? t.name}:${i}` })),
          ...t.summary.outsideAreas.map((item) => ({
            type: 'item' as const,
            item,
            what: 'decision' as const,
            owner: item.owner,
            outside: `${item.owner} (${item.role}); the ${item.owningRole} owns ${AREA_LABEL[item.area!]}`,
          })),
          ...t.responsibilities.filter((r) => r.holders.length === 0).map((responsibility) => ({ type: 'responsibility' as const, responsibility })),
        ];
      }
      case 'unowned':
        return node.items.map((item) => ({ type: 'item' as const, item, what: 'decision' as const, unowned: true, written: item.written }));
      case 'person':
        return [
          ...(node.person.responsibilities ?? []).map((responsibility) => ({ type: 'responsibility' as const, responsibility, owner: node.person.name })),
          ...node.person.documents.map((item) => ({ type: 'item' as const, item, what: 'document' as const, owner: node.person.name })),
          ...node.person.areas.map((item) => ({ type: 'item' as const, item, what: 'area' as const, owner: node.person.name })),
          ...node.person.decisions.map((item) => ({ type: 'item' as const, item, what: 'decision' as const, owner: node.person.name })),
        ];
      case 'area':
        return node.items.map(({ item, what, owner }) => ({ type: 'item' as const, item, what, owner }));
      case 'attention':
        return node.decisions.attention.map((group) => ({ type: 'attentionRule' as const, group, key: `${node.key}:${group.rule}` }));
      case 'attentionRule':
        return node.group.items.map((finding) => ({ type: 'finding' as const, finding, rule: node.group.rule }));
      case 'statuses':
        return node.decisions.statuses.map((group) => ({ type: 'status' as const, group, key: `${node.key}:${group.status}` }));
      case 'status':
        return node.group.records.map((record) => ({ type: 'record' as const, record, status: node.group.status }));
      default:
        return [];
    }
  }

  private folderChildren(folder: Folder, withUnowned = true): Node[] {
    // Who owns what first, as ever; then the decisions' life.
    return [...this.ownershipChildren(folder, withUnowned), ...this.lifeNodes(folder)];
  }

  /** "Needs attention" and "Decisions by status", when the folder has decision records. */
  private lifeNodes(folder: Folder): Node[] {
    const d = folder.decisions;
    if (!d) return [];
    return [{ type: 'attention', decisions: d, key: folder.uri }, ...(d.statuses.length ? [{ type: 'statuses' as const, decisions: d, key: folder.uri }] : [])];
  }

  private ownershipChildren(folder: Folder, withUnowned: boolean): Node[] {
    const teams = folder.teams ?? [];
    if (teams.length > 1) {
      const unowned: Node[] = withUnowned ? [{ type: 'unowned', folder, items: folder.unowned }] : [];
      return [...unowned, ...teams.map((team) => ({ type: 'team' as const, team, folder }))];
    }
    if (teams.length === 1) return this.teamChildren(teams[0], withUnowned);
    return this.groupPeople(folder.people, withUnowned ? [{ type: 'unowned', folder, items: folder.unowned }] : []);
  }

  /** A team's balance, its unowned decisions, then its people (or areas). */
  private teamChildren(team: Team, withUnowned = true): Node[] {
    const head: Node[] = [{ type: 'summary', team }];
    if (withUnowned) head.push({ type: 'unowned', folder: undefined, items: team.unowned, team: team.charter ?? team.name });
    return this.groupPeople(team.people, head, team.charter ?? team.name);
  }

  private groupPeople(people: Person[], head: Node[], team?: string): Node[] {
    const unowned = head;
    const folder = { people };
    if (this.grouping === 'person') return [...unowned, ...folder.people.map((person) => ({ type: 'person' as const, person, team }))];
    const groups = new Map<string, { item: Item; what: 'area' | 'decision'; owner: string }[]>();
    // Appended in place: thousands of items share an area, and copying the list each time is quadratic.
    const add = (key: string, entry: { item: Item; what: 'area' | 'decision'; owner: string }) => {
      const list = groups.get(key);
      if (list) list.push(entry);
      else groups.set(key, [entry]);
    };
    for (const p of folder.people) {
      for (const item of p.areas) add(item.area!, { item, what: 'area', owner: p.name });
      for (const item of p.decisions) add(item.area ?? 'none', { item, what: 'decision', owner: p.name });
    }
    const areas: Node[] = [...AREAS, 'none' as const].filter((a) => groups.has(a)).map((area) => ({ type: 'area' as const, area, items: groups.get(area)!, team }));
    return [...unowned, ...areas];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'folder': {
        const t = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        t.iconPath = new vscode.ThemeIcon('root-folder');
        t.contextValue = 'folder';
        return t;
      }
      case 'unowned': {
        const t = new vscode.TreeItem('Unowned decisions', node.items.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        t.description = String(node.items.length);
        t.iconPath = new vscode.ThemeIcon(node.items.length ? 'warning' : 'pass', new vscode.ThemeColor(node.items.length ? 'list.warningForeground' : 'testing.iconPassed'));
        t.tooltip = node.items.length ? 'Decisions with no owner: every decision needs exactly one.' : 'Every decision has an owner.';
        t.contextValue = 'unownedGroup';
        t.id = `unowned:${node.team ?? node.folder?.uri ?? '*'}`;
        return t;
      }
      case 'team': {
        const tm = node.team;
        const t = new vscode.TreeItem(tm.name, vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${tm.people.filter((p) => p.inCharter).length} people · ${tm.summary.owned + tm.summary.unowned} decisions${tm.unowned.length ? ` · ${tm.unowned.length} unowned` : ''}`;
        t.iconPath = new vscode.ThemeIcon('organization');
        t.tooltip = tm.charter ? `The ${tm.name} team, from ${vscode.workspace.asRelativePath(vscode.Uri.parse(tm.charter), false)}` : 'Documents that no charter governs';
        t.contextValue = 'team';
        t.id = `team:${tm.charter ?? tm.name}`;
        if (tm.charter) t.command = { command: 'charter.openItem', title: 'Open', arguments: [tm.charter, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }] };
        return t;
      }
      case 'summary': {
        const s = node.team.summary;
        const t = new vscode.TreeItem('Balance', vscode.TreeItemCollapsibleState.Collapsed);
        const bits = [
          `${s.owned} owned`,
          `${s.unowned} unowned`,
          s.top ? `${s.top.name} ${Math.round(s.top.share * 100)}%` : '',
          s.outsideAreas.length ? `${s.outsideAreas.length} outside their areas` : '',
        ];
        t.description = bits.filter(Boolean).join(' · ');
        t.iconPath = new vscode.ThemeIcon('graph');
        t.tooltip = new vscode.MarkdownString(s.lines.map((l) => `- ${l}`).join('\n'));
        t.contextValue = 'summary';
        t.id = `summary:${node.team.charter ?? node.team.name}`;
        return t;
      }
      case 'note': {
        const t = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        t.iconPath = new vscode.ThemeIcon('dash');
        t.contextValue = 'note';
        t.id = `note:${node.key}`;
        return t;
      }
      case 'responsibility': {
        const r = node.responsibility;
        const t = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.None);
        const file = vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri), false);
        t.description = r.holders.length ? `responsibility · ${r.role}` : `nobody holds ${r.role}`;
        t.iconPath = new vscode.ThemeIcon(r.holders.length ? 'checklist' : 'warning', r.holders.length ? undefined : new vscode.ThemeColor('list.warningForeground'));
        const md = [`**${r.name}** — accountable: ${r.role}${r.holders.length ? ` (${r.holders.join(', ')})` : ', which nobody on the team holds'}`];
        if (r.pm) md.push(`PM expectations: ${r.pm}`);
        if (r.em) md.push(`EM expectations: ${r.em}`);
        if (r.stakeholders) md.push(`Stakeholders: ${r.stakeholders}`);
        md.push(`${file}:${r.range.start.line + 1}`);
        t.tooltip = new vscode.MarkdownString(md.join('\n\n'));
        t.contextValue = 'responsibility';
        t.command = { command: 'charter.openItem', title: 'Open', arguments: [r.uri, r.range] };
        return t;
      }
      case 'person': {
        const p = node.person;
        const t = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
        const flagged = !p.inCharter && !p.silenced;
        t.description = [p.role, flagged ? 'not in the charter' : ''].filter(Boolean).join(' · ');
        t.iconPath = new vscode.ThemeIcon(flagged ? 'question' : 'person');
        const counts = `${(p.responsibilities ?? []).length} responsibilities, ${p.documents.length} documents, ${p.areas.length} areas, ${p.decisions.length} decisions`;
        t.tooltip = new vscode.MarkdownString(`**${p.name}**${p.role ? ` — ${p.role}` : ''}${p.handle ? ` (@${p.handle})` : ''}\n\n${counts}`);
        t.contextValue = p.inCharter ? 'person' : 'person.unknown';
        t.id = `person:${node.team ?? ''}:${p.location?.uri ?? ''}:${p.name}`;
        if (p.location) t.command = { command: 'charter.openItem', title: 'Open', arguments: [p.location.uri, p.location.range] };
        return t;
      }
      case 'area': {
        const label = node.area === 'none' ? 'Decisions without an area' : AREA_LABEL[node.area];
        const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        t.description = node.area === 'none' ? `${node.items.length}` : `${AREA_TEXT[node.area]} · ${node.items.length}`;
        t.iconPath = new vscode.ThemeIcon('symbol-namespace');
        t.contextValue = 'area';
        t.id = `area:${node.area}:${node.team ?? ''}`;
        return t;
      }
      case 'attention': {
        const n = node.decisions.attention.reduce((sum, g) => sum + g.items.length, 0);
        const t = new vscode.TreeItem('Needs attention', n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        t.description = String(n);
        t.iconPath = new vscode.ThemeIcon(n ? 'bell-dot' : 'pass', new vscode.ThemeColor(n ? 'list.warningForeground' : 'testing.iconPassed'));
        t.tooltip = n
          ? 'Decisions whose life needs a hand: overdue reviews, stale proposals, supersession on one side only, numbers taken twice, records missing from their index, citations of no record.'
          : "Nothing in the decisions' life needs attention.";
        t.contextValue = 'attention';
        t.id = `attention:${node.key}`;
        return t;
      }
      case 'attentionRule': {
        const t = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
        t.description = `${node.group.items.length} · ${node.group.rule}`;
        t.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        t.contextValue = 'attentionRule';
        t.id = `attention:${node.key}`;
        return t;
      }
      case 'finding': {
        const f = node.finding;
        const file = vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri), false);
        const t = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        t.description = `${file}:${f.range.start.line + 1}`;
        t.tooltip = `${f.message}\n${file}:${f.range.start.line + 1} (${node.rule})`;
        t.iconPath = new vscode.ThemeIcon('circle-small-filled');
        t.contextValue = 'finding';
        t.command = { command: 'charter.openItem', title: 'Open', arguments: [f.uri, f.range] };
        return t;
      }
      case 'statuses': {
        const n = node.decisions.statuses.reduce((sum, g) => sum + g.records.length, 0);
        const t = new vscode.TreeItem('Decisions by status', vscode.TreeItemCollapsibleState.Collapsed);
        t.description = node.decisions.statuses.map((g) => `${g.records.length} ${g.status}`).join(' · ') || String(n);
        t.iconPath = new vscode.ThemeIcon('history');
        t.contextValue = 'statuses';
        t.id = `statuses:${node.key}`;
        return t;
      }
      case 'status': {
        const label = node.group.status === 'unknown' ? 'No known status' : node.group.status[0].toUpperCase() + node.group.status.slice(1);
        const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        t.description = String(node.group.records.length);
        t.iconPath = new vscode.ThemeIcon(STATUS_ICON[node.group.status] ?? 'question');
        t.contextValue = `status.${node.group.status}`;
        t.id = `status:${node.key}`;
        return t;
      }
      case 'record': {
        const r = node.record;
        const file = vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri), false);
        const t = new vscode.TreeItem(r.number !== undefined ? `${String(r.number).padStart(4, '0')} ${r.title}` : r.title, vscode.TreeItemCollapsibleState.None);
        t.description = [r.written ? `"${r.written}"` : '', r.date ?? '', r.owner ?? 'unowned'].filter(Boolean).join(' · ');
        t.tooltip = `${r.title}\nStatus: ${r.written ?? node.status}${r.date ? `\nDate: ${r.date}` : ''}\nOwner: ${r.owner ?? 'none'}\n${file}`;
        t.iconPath = new vscode.ThemeIcon('law');
        t.contextValue = 'record';
        t.command = { command: 'charter.openItem', title: 'Open', arguments: [r.uri, r.range] };
        return t;
      }
      case 'item': {
        const { item, what } = node;
        const label = what === 'area' ? `${AREA_LABEL[item.area!]}: ${item.title.replace(/^\w+ — /, '')}` : item.title;
        const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        const file = vscode.workspace.asRelativePath(vscode.Uri.parse(item.uri), false);
        const bits = [
          what === 'document' ? item.kind.toUpperCase() : '',
          node.outside ?? '',
          this.grouping === 'area' && node.owner && !node.outside ? node.owner : '',
          item.joint ? 'joint' : '',
          node.written ? `owner: "${node.written}"` : '',
          `${file}:${item.range.start.line + 1}`,
        ];
        t.description = bits.filter(Boolean).join(' · ');
        t.iconPath = new vscode.ThemeIcon(
          node.unowned ? 'warning' : what === 'document' ? 'file-text' : what === 'area' ? 'symbol-field' : 'law',
          node.unowned || item.joint ? new vscode.ThemeColor('list.warningForeground') : undefined,
        );
        t.tooltip = `${what === 'decision' ? 'Decision' : what === 'area' ? 'Area' : 'Document'}: ${item.title}\n${file}:${item.range.start.line + 1}`;
        t.contextValue = what === 'decision' ? (node.unowned ? 'decision.unowned' : item.joint ? 'decision.joint' : 'decision') : what;
        t.command = { command: 'charter.openItem', title: 'Open', arguments: [item.uri, item.range] };
        t.resourceUri = undefined;
        return t;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.unownedChanged.dispose();
  }
}

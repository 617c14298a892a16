/**
 * The languages Charter knows besides English, as data: for Portuguese, Spanish, French and
 * German, the names their sections and decision fields go by, the names of the language
 * itself, and the frequent words that tell a text written in it (languages.ts reads them).
 */
import { DECISION_FIELDS, type DecisionField } from './kinds';

/** A field a language names: a decision field, an owner, or an owner inside a decision only. */
export type LanguageField = DecisionField | 'owner' | 'decision owner';

/** The names one language gives to sections and fields, and the words that tell it apart. */
export interface Vocabulary {
  code: string;
  /** Its name in English, for messages. */
  name: string;
  /** Names front matter may give it (`lang: Deutsch`), besides its code. */
  names: string[];
  /** Headings by the (lower-case) name of the section they stand for, in any kind. */
  sections: Record<string, string[]>;
  /** Field names and headings by the field they stand for. */
  fields: Partial<Record<LanguageField, string[]>>;
  /** Short words frequent in its prose and rare in others', to recognise a text written in it. */
  words: string[];
}

/** The field keys a vocabulary (and `.charter.yaml`) may name. */
export const LANGUAGE_FIELDS: readonly LanguageField[] = [...(Object.keys(DECISION_FIELDS) as DecisionField[]), 'owner', 'decision owner'];

const PT: Vocabulary = {
  code: 'pt',
  name: 'Portuguese',
  names: ['portuguese', 'português', 'portugues'],
  sections: {
    why: [
      'Problema', 'Problemas', 'O problema', 'Declaração do problema', 'Definição do problema', 'Contexto', 'Motivação', 'Justificativa',
      'Oportunidade', 'Objetivo', 'Objetivos', 'Metas', 'Resultado de negócio', 'Valor de negócio', 'Valor para o negócio', 'Propósito', 'Visão', 'Por que', 'Por quê', 'Porquê', 'Histórico', 'Cenário atual',
    ],
    what: [
      'Requisitos', 'Requisitos funcionais', 'Requisitos do produto', 'Escopo', 'Funcionalidades', 'Recursos', 'Proposta', 'Solução proposta',
      'Solução', 'Histórias de usuário', 'Histórias de usuários', 'Casos de uso', 'Especificação', 'Entregáveis', 'Critérios de aceite',
      'Critérios de aceitação', 'O que', 'Plano', 'Plano proposto',
    ],
    how: [
      'Como', 'Design técnico', 'Desenho técnico', 'Projeto técnico', 'Design', 'Solução', 'Solução técnica', 'Solução proposta', 'Arquitetura',
      'Abordagem', 'Implementação', 'Desenho da solução', 'Modelo de dados', 'Infraestrutura', 'Componentes',
    ],
    who: ['Quem', 'Equipe', 'Time', 'Pessoas', 'Responsáveis', 'Papéis e responsabilidades', 'Alocação'],
    when: ['Quando', 'Cronograma', 'Prazo', 'Prazos', 'Marcos', 'Entrega', 'Entregas', 'Plano de entrega', 'Plano de lançamento', 'Roadmap', 'Datas'],
  },
  fields: {
    date: ['data', 'data da decisão', 'decidido em', 'data de decisão'],
    decision: ['decisão', 'decisao', 'resultado da decisão', 'resultado', 'opção escolhida', 'decisão tomada', 'recomendação', 'solução', 'solução proposta'],
    context: [
      'contexto', 'problema', 'contexto e problema', 'contexto e declaração do problema', 'contexto e enunciado do problema',
      'declaração do problema', 'motivação', 'justificativa', 'por que', 'por quê',
    ],
    drivers: ['fatores de decisão', 'direcionadores', 'critérios de decisão', 'critérios'],
    alternatives: ['alternativas', 'opções', 'opções consideradas', 'alternativas consideradas', 'opções avaliadas'],
    'trade-offs': ['consequências', 'consequencias', 'prós e contras', 'prós e contras das opções', 'implicações', 'trade-offs', 'impactos'],
    status: ['status', 'situação', 'estado'],
    owner: ['responsável', 'responsáveis', 'decisor', 'decisores', 'tomador de decisão', 'tomadores de decisão', 'decidido por', 'dono'],
    'decision owner': ['quem'],
  },
  words: ['de', 'que', 'não', 'uma', 'para', 'com', 'os', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'é', 'ao', 'mais', 'por', 'ser', 'são', 'também', 'como', 'isso', 'pelo'],
};

const ES: Vocabulary = {
  code: 'es',
  name: 'Spanish',
  names: ['spanish', 'español', 'espanol', 'castellano'],
  sections: {
    why: [
      'Problema', 'Problemas', 'El problema', 'Planteamiento del problema', 'Definición del problema', 'Contexto', 'Antecedentes', 'Motivación',
      'Justificación', 'Oportunidad', 'Objetivo', 'Objetivos', 'Metas', 'Resultado de negocio', 'Valor de negocio', 'Propósito', 'Visión', 'Por qué',
    ],
    what: [
      'Requisitos', 'Requerimientos', 'Requisitos funcionales', 'Requisitos del producto', 'Alcance', 'Funcionalidades', 'Características',
      'Propuesta', 'Solución propuesta', 'Solución', 'Historias de usuario', 'Casos de uso', 'Especificación', 'Entregables',
      'Criterios de aceptación', 'Qué', 'Plan', 'Plan propuesto',
    ],
    how: [
      'Cómo', 'Diseño técnico', 'Diseño', 'Diseño detallado', 'Solución', 'Solución técnica', 'Solución propuesta', 'Arquitectura', 'Enfoque',
      'Implementación', 'Modelo de datos', 'Infraestructura', 'Componentes',
    ],
    who: ['Quién', 'Quiénes', 'Equipo', 'Personas', 'Responsables', 'Roles y responsabilidades', 'Recursos'],
    when: ['Cuándo', 'Cronograma', 'Calendario', 'Plazos', 'Hitos', 'Entrega', 'Entregas', 'Plan de entrega', 'Plan de lanzamiento', 'Hoja de ruta', 'Fechas'],
  },
  fields: {
    date: ['fecha', 'fecha de decisión', 'fecha de la decisión', 'decidido el'],
    decision: ['decisión', 'resultado de la decisión', 'resultado', 'opción elegida', 'opción escogida', 'decisión tomada', 'recomendación', 'solución', 'solución propuesta'],
    context: [
      'contexto', 'problema', 'contexto y problema', 'contexto y planteamiento del problema', 'contexto y enunciado del problema',
      'planteamiento del problema', 'antecedentes', 'motivación', 'justificación', 'por qué',
    ],
    drivers: ['factores de decisión', 'impulsores', 'criterios de decisión', 'criterios'],
    alternatives: ['alternativas', 'opciones', 'opciones consideradas', 'alternativas consideradas', 'opciones evaluadas'],
    'trade-offs': ['consecuencias', 'pros y contras', 'pros y contras de las opciones', 'ventajas y desventajas', 'implicaciones', 'compromisos'],
    status: ['estado', 'status', 'estatus'],
    owner: ['responsable', 'responsables', 'decisor', 'decisores', 'responsable de la decisión', 'tomador de decisión', 'decidido por', 'dueño'],
    'decision owner': ['quién'],
  },
  words: ['de', 'la', 'que', 'el', 'en', 'los', 'las', 'del', 'se', 'por', 'un', 'una', 'para', 'con', 'es', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'está', 'también', 'este', 'esta'],
};

const FR: Vocabulary = {
  code: 'fr',
  name: 'French',
  names: ['french', 'français', 'francais'],
  sections: {
    why: [
      'Problème', 'Problèmes', 'Le problème', 'Problématique', 'Énoncé du problème', 'Contexte', 'Motivation', 'Motivations', 'Justification',
      'Opportunité', 'Objectif', 'Objectifs', 'Enjeux', 'Buts', 'Valeur métier', 'Vision', 'Pourquoi', 'Historique',
    ],
    what: [
      'Exigences', 'Exigences fonctionnelles', 'Besoins', 'Besoins fonctionnels', 'Périmètre', 'Portée', 'Fonctionnalités', 'Proposition',
      'Solution proposée', 'Solution', 'Récits utilisateur', 'Histoires utilisateur', 'User stories', "Cas d'usage", "Cas d'utilisation",
      'Spécifications', 'Spécification', 'Livrables', "Critères d'acceptation", 'Quoi',
    ],
    how: [
      'Comment', 'Conception technique', 'Conception', 'Conception détaillée', 'Solution', 'Solution technique', 'Solution proposée',
      'Architecture', 'Approche', 'Mise en œuvre', 'Mise en oeuvre', 'Implémentation', 'Modèle de données', 'Infrastructure', 'Composants',
    ],
    who: ['Qui', 'Équipe', 'Personnes', 'Ressources', 'Responsables', 'Rôles et responsabilités', 'Staffing'],
    when: ['Quand', 'Calendrier', 'Planning', 'Échéancier', 'Jalons', 'Livraison', 'Plan de livraison', 'Déploiement', 'Feuille de route', 'Dates'],
  },
  fields: {
    date: ['date', 'date de décision', 'date de la décision', 'décidé le'],
    decision: ['décision', 'résultat de la décision', 'résultat', 'option choisie', 'décision prise', 'recommandation', 'solution', 'solution proposée'],
    context: [
      'contexte', 'problème', 'contexte et problème', 'contexte et énoncé du problème', 'contexte et problématique', 'problématique',
      'énoncé du problème', 'motivation', 'justification', 'pourquoi',
    ],
    drivers: ['facteurs de décision', 'moteurs de décision', 'critères de décision', 'critères'],
    alternatives: ['alternatives', 'options', 'options considérées', 'options envisagées', 'alternatives envisagées', 'alternatives considérées'],
    'trade-offs': ['conséquences', 'avantages et inconvénients', 'avantages et inconvénients des options', 'implications', 'compromis'],
    status: ['statut', 'état', 'status'],
    owner: ['responsable', 'responsables', 'décideur', 'décideurs', 'décisionnaire', 'décidé par', 'porteur'],
    'decision owner': ['qui'],
  },
  words: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'du', 'en', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'avec', 'ce', 'sont', 'par', 'plus', 'nous', 'être', 'aux'],
};

const DE: Vocabulary = {
  code: 'de',
  name: 'German',
  names: ['german', 'deutsch'],
  sections: {
    why: [
      'Problem', 'Problemstellung', 'Problembeschreibung', 'Ausgangslage', 'Ausgangssituation', 'Hintergrund', 'Kontext', 'Motivation',
      'Begründung', 'Chance', 'Ziel', 'Ziele', 'Zielsetzung', 'Geschäftswert', 'Mehrwert', 'Vision', 'Warum',
    ],
    what: [
      'Anforderungen', 'Funktionale Anforderungen', 'Produktanforderungen', 'Umfang', 'Scope', 'Funktionen', 'Funktionsumfang', 'Features',
      'Vorschlag', 'Lösungsvorschlag', 'Lösung', 'User Stories', 'Anwendungsfälle', 'Spezifikation', 'Lieferumfang', 'Akzeptanzkriterien', 'Was',
    ],
    how: [
      'Wie', 'Technisches Design', 'Technischer Entwurf', 'Entwurf', 'Design', 'Lösung', 'Lösungsansatz', 'Technische Lösung', 'Architektur',
      'Ansatz', 'Umsetzung', 'Implementierung', 'Datenmodell', 'Infrastruktur', 'Schnittstellen', 'Komponenten',
    ],
    who: ['Wer', 'Team', 'Personal', 'Beteiligte', 'Rollen und Verantwortlichkeiten', 'Ressourcen', 'Besetzung'],
    when: ['Wann', 'Zeitplan', 'Zeitplanung', 'Termine', 'Meilensteine', 'Lieferung', 'Auslieferung', 'Rollout', 'Roadmap', 'Releaseplan'],
  },
  fields: {
    date: ['datum', 'entscheidungsdatum', 'entschieden am'],
    decision: ['entscheidung', 'entscheidungsergebnis', 'ergebnis', 'gewählte option', 'getroffene entscheidung', 'beschluss', 'empfehlung', 'lösung', 'lösungsvorschlag'],
    context: [
      'kontext', 'problem', 'kontext und problemstellung', 'problemstellung', 'problembeschreibung', 'hintergrund', 'ausgangslage',
      'motivation', 'begründung', 'warum',
    ],
    drivers: ['entscheidungsfaktoren', 'entscheidungstreiber', 'entscheidungskriterien', 'kriterien'],
    alternatives: ['alternativen', 'optionen', 'betrachtete optionen', 'erwogene optionen', 'berücksichtigte optionen', 'betrachtete alternativen'],
    'trade-offs': ['konsequenzen', 'folgen', 'auswirkungen', 'vor- und nachteile', 'vor- und nachteile der optionen', 'abwägungen', 'kompromisse'],
    status: ['status', 'zustand'],
    owner: ['verantwortlich', 'verantwortliche', 'verantwortlicher', 'entscheider', 'entscheiderin', 'entscheidende', 'entschieden von', 'zuständig'],
    'decision owner': ['wer'],
  },
  words: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'von', 'mit', 'sich', 'des', 'auf', 'für', 'im', 'dem', 'auch', 'werden', 'wir', 'wird', 'bei', 'oder', 'wenn', 'dass'],
};

/** The languages Charter knows besides English. */
export function builtinLanguages(): Record<string, Vocabulary> {
  const copy = (v: Vocabulary): Vocabulary => ({
    ...v,
    names: [...v.names],
    sections: Object.fromEntries(Object.entries(v.sections).map(([k, l]) => [k, [...l]])),
    fields: Object.fromEntries(Object.entries(v.fields).map(([k, l]) => [k, [...(l ?? [])]])),
    words: [...v.words],
  });
  return { pt: copy(PT), es: copy(ES), fr: copy(FR), de: copy(DE) };
}


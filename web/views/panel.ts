import type { Selection } from 'd3';

/** The div a view draws into; views never look at its parent. */
export type Panel = Selection<HTMLDivElement, unknown, any, any>;

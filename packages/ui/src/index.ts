export { UnitScatter } from './unit-scatter';
export type { UnitScatterProps, ScatterPoint } from './unit-scatter';
export { groupColor, UNGROUPED_COLOR } from './group-color';
export { ErrorPanel } from './error-panel';
export type { ErrorPanelProps } from './error-panel';

// The ambito's resource map: PUC projects, companies open to placements, incentives, funding lines,
// programmes; the PaIS actions that link them.
export * from './resource-map.service.js';
export * from './resources.module.js';

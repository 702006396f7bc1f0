// Demo data for `npm start`: the Valdinievole territory, its users and a dozen cases.
export * from './seed-demo.js';

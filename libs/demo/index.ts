// Demo data for `npm start`: the Valdinievole and Piana di Lucca ambiti, their users and cases.
export * from './seed-demo.js';
export * from './territories.js';

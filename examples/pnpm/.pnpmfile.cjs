module.exports = require('release-quarantine/pnpm');

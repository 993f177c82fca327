setTimeout(() => process.exit(0), 9000);

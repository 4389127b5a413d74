// Mantine's preset: rem/em functions and light-dark() mixins in any CSS module we add.
module.exports = {
  plugins: {
    "postcss-preset-mantine": {},
  },
};

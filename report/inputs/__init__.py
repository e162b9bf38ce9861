"""Read stage: the workbook contract, reading and checking the workbooks and editie.yml."""

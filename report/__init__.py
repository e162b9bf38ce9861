"""Generator of the beleidsdoorlichting of budget article 37.3 from Excel workbooks."""

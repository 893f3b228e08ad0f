"""Staffing (인력 현황): posts and filled positions per series and grade."""

package ai.sendpilot.sql.demo;

import java.util.ArrayList;
import java.util.List;

/** The fixed list of 40 fictional companies behind the demo people (independent of any seed). */
public final class DemoCompanies {
  private static final List<DemoCompany> COMPANIES = build(new Object[][] {
      {"Nordlicht Analytics", "nordlicht-analytics.de", "Software", 240},
      {"Café Société", "cafesociete.fr", "Hospitality", 85},
      {"Brightforge Labs", "brightforge.io", "Software", 120},
      {"Åkerlund Logistics", "akerlund-logistics.se", "Logistics", 1800},
      {"Meridian Health Partners", "meridianhealth.com", "Healthcare", 4200},
      {"Kraków Data Works", "krakowdata.pl", "IT Services", 310},
      {"Solaris Grid", "solarisgrid.es", "Renewable Energy", 950},
      {"Bluepeak Capital", "bluepeakcapital.com", "Financial Services", 160},
      {"Hafenblick Versicherung", "hafenblick.de", "Insurance", 2600},
      {"Tidewater Retail Group", "tidewaterretail.com", "Retail", 12000},
      {"Quillstone Legal", "quillstone.co.uk", "Legal Services", 70},
      {"Orbital Freight", "orbitalfreight.com", "Logistics", 540},
      {"Lumen & Vale", "lumenvale.com", "Marketing", 45},
      {"Fjordkraft Systems", "fjordkraft-systems.no", "Energy", 700},
      {"Copperleaf Robotics", "copperleaf.ai", "Industrial Automation", 380},
      {"São Paulo Fintech Hub", "spfintech.com.br", "Financial Services", 210},
      {"Greenhollow Foods", "greenhollow.com", "Food & Beverage", 3300},
      {"Zephyr Mobility", "zephyrmobility.eu", "Automotive", 1450},
      {"Atlas Ridge Consulting", "atlasridge.com", "Management Consulting", 260},
      {"Nakamura Precision", "nakamura-precision.jp", "Manufacturing", 5100},
      {"Vantage Point Security", "vantagepointsec.com", "Cybersecurity", 430},
      {"Helix Biotech", "helixbio.ch", "Biotechnology", 620},
      {"Moreau & Fils", "moreau-fils.fr", "Wine & Spirits", 55},
      {"Cedar Lane Properties", "cedarlane.com", "Real Estate", 190},
      {"Polaris Edtech", "polaris.education", "Education", 140},
      {"Ironbark Mining", "ironbark.com.au", "Mining", 7800},
      {"Kestrel Aviation", "kestrelaviation.ie", "Aviation", 980},
      {"Mosaic Media", "mosaicmedia.tv", "Media", 330},
      {"Dvořák Engineering", "dvorak-engineering.cz", "Engineering", 720},
      {"Sunbeam Solar", "sunbeamsolar.in", "Renewable Energy", 410},
      {"Harbor & Pine", "harborandpine.com", "Consumer Goods", 90},
      {"Quantum Ledger", "quantumledger.io", "Software", 75},
      {"Blåbär Design", "blabar.design", "Design", 25},
      {"Evergreen Payroll", "evergreenpayroll.com", "HR Software", 560},
      {"Istanbul Textile Co.", "istanbultextile.com.tr", "Textiles", 2300},
      {"Redwood Clinical", "redwoodclinical.com", "Pharmaceuticals", 1900},
      {"Northstar Telecom", "northstartelecom.net", "Telecommunications", 8800},
      {"Pampas Agritech", "pampasagritech.com.ar", "Agriculture", 260},
      {"Silverline Travel", "silverline.travel", "Travel", 150},
      {"Oakridge Manufacturing", "oakridgemfg.com", "Manufacturing", 3900},
  });

  private DemoCompanies() {
  }

  public static int count() {
    return COMPANIES.size();
  }

  public static DemoCompany company(int index) {
    return COMPANIES.get(index);
  }

  public static List<DemoCompany> all() {
    return COMPANIES;
  }

  private static List<DemoCompany> build(Object[][] rows) {
    List<DemoCompany> companies = new ArrayList<>(rows.length);
    for (Object[] row : rows) {
      companies.add(new DemoCompany(companies.size(), (String) row[0], (String) row[1],
          (String) row[2], (Integer) row[3]));
    }
    return List.copyOf(companies);
  }
}

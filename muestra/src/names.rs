//! Realistic identities for synthetic initiatives: names by sector and department, managing
//! entities, directors and their e-mail addresses. All lists are fixed and ordered.

use super::personas::{APELLIDOS, NOMBRES};
use std::collections::BTreeSet;

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A productive sector: its name as answered, its macrosector and name variants for clusters.
pub struct Sector {
    pub nombre: &'static str,
    pub macrosector: &'static str,
    pub variantes: &'static [&'static str],
}

pub const SECTORES: &[Sector] = &[
    Sector {
        nombre: "Turismo",
        macrosector: "servicios",
        variantes: &[
            "Turismo",
            "Turismo de Naturaleza",
            "Turismo de Reuniones",
            "Turismo Cultural",
            "Turismo de Bienestar",
        ],
    },
    Sector {
        nombre: "Software y TI",
        macrosector: "servicios",
        variantes: &[
            "Software y TI",
            "Tecnologías de la Información",
            "Economía Digital",
        ],
    },
    Sector {
        nombre: "Salud",
        macrosector: "servicios",
        variantes: &["Salud", "Servicios de Salud", "Turismo de Salud"],
    },
    Sector {
        nombre: "Logística",
        macrosector: "servicios",
        variantes: &["Logística", "Logística y Transporte"],
    },
    Sector {
        nombre: "Energía",
        macrosector: "servicios",
        variantes: &["Energía", "Energía Eléctrica", "Energías Renovables"],
    },
    Sector {
        nombre: "Construcción",
        macrosector: "servicios",
        variantes: &[
            "Construcción",
            "Construcción e Infraestructura",
            "Vivienda y Construcción",
        ],
    },
    Sector {
        nombre: "Industrias creativas",
        macrosector: "servicios",
        variantes: &[
            "Industrias Creativas",
            "Economía Naranja",
            "Contenidos Digitales",
        ],
    },
    Sector {
        nombre: "Educación",
        macrosector: "servicios",
        variantes: &["Educación", "Servicios Educativos"],
    },
    Sector {
        nombre: "Deporte",
        macrosector: "servicios",
        variantes: &["Deporte", "Industria del Deporte"],
    },
    Sector {
        nombre: "Sistema moda",
        macrosector: "manufactura",
        variantes: &[
            "Sistema Moda",
            "Moda y Confecciones",
            "Textil y Confección",
            "Cuero, Calzado y Marroquinería",
        ],
    },
    Sector {
        nombre: "Muebles y madera",
        macrosector: "manufactura",
        variantes: &["Muebles", "Muebles y Madera"],
    },
    Sector {
        nombre: "Cosméticos",
        macrosector: "manufactura",
        variantes: &[
            "Cosméticos",
            "Cosméticos y Aseo",
            "Belleza y Cuidado Personal",
        ],
    },
    Sector {
        nombre: "Metalmecánica",
        macrosector: "manufactura",
        variantes: &["Metalmecánica", "Metalmecánico y Astillero"],
    },
    Sector {
        nombre: "Químicos y plásticos",
        macrosector: "manufactura",
        variantes: &["Químicos y Plásticos", "Petroquímico-Plástico"],
    },
    Sector {
        nombre: "Alimentos procesados",
        macrosector: "manufactura",
        variantes: &["Alimentos Procesados", "Alimentos y Gastronomía"],
    },
    Sector {
        nombre: "Aeroespacial",
        macrosector: "manufactura",
        variantes: &["Aeroespacial"],
    },
    Sector {
        nombre: "Cafés especiales",
        macrosector: "agroindustria",
        variantes: &["Café", "Cafés Especiales", "Café y Derivados"],
    },
    Sector {
        nombre: "Lácteos",
        macrosector: "agroindustria",
        variantes: &["Lácteos", "Lácteo"],
    },
    Sector {
        nombre: "Cacao",
        macrosector: "agroindustria",
        variantes: &["Cacao", "Cacao y Chocolatería"],
    },
    Sector {
        nombre: "Hortifrutícola",
        macrosector: "agroindustria",
        variantes: &["Hortifrutícola", "Frutas y Hortalizas"],
    },
    Sector {
        nombre: "Piscícola",
        macrosector: "agroindustria",
        variantes: &["Piscícola", "Acuícola"],
    },
    Sector {
        nombre: "Plátano",
        macrosector: "agroindustria",
        variantes: &["Plátano"],
    },
    Sector {
        nombre: "Panela",
        macrosector: "agroindustria",
        variantes: &["Panela", "Panelero"],
    },
];

pub fn sector(nombre: &str) -> &'static Sector {
    SECTORES
        .iter()
        .find(|s| s.nombre == nombre)
        .expect("sector conocido")
}

/// Department official name → how it reads in a cluster name, and its main cities.
pub fn lugar(departamento: &str) -> (&'static str, &'static [&'static str]) {
    match departamento {
        "Antioquia" => ("Antioquia", &["Medellín", "Rionegro", "Urabá"]),
        "Arauca" => ("Arauca", &["Arauca"]),
        "Atlántico" => ("Atlántico", &["Barranquilla"]),
        "Bogotá D.C." => ("Bogotá", &["Bogotá"]),
        "Bolívar" => ("Bolívar", &["Cartagena", "Magangué"]),
        "Boyacá" => ("Boyacá", &["Tunja", "Duitama", "Sogamoso"]),
        "Caldas" => ("Caldas", &["Manizales"]),
        "Caquetá" => ("Caquetá", &["Florencia"]),
        "Casanare" => ("Casanare", &["Yopal"]),
        "Cauca" => ("Cauca", &["Popayán"]),
        "Cesar" => ("Cesar", &["Valledupar"]),
        "Córdoba" => ("Córdoba", &["Montería"]),
        "Cundinamarca" => ("Cundinamarca", &["Facatativá", "Girardot", "Zipaquirá"]),
        "Huila" => ("Huila", &["Neiva"]),
        "La Guajira" => ("La Guajira", &["Riohacha"]),
        "Magdalena" => ("Santa Marta y Magdalena", &["Santa Marta"]),
        "Meta" => ("Meta", &["Villavicencio"]),
        "Nariño" => ("Nariño", &["Pasto", "Ipiales"]),
        "Norte de Santander" => ("Norte de Santander", &["Cúcuta", "Ocaña"]),
        "Putumayo" => ("Putumayo", &["Mocoa"]),
        "Quindío" => ("Quindío", &["Armenia"]),
        "Risaralda" => ("Risaralda", &["Pereira", "Dosquebradas"]),
        "Santander" => ("Santander", &["Bucaramanga", "Barrancabermeja", "San Gil"]),
        "Sucre" => ("Sucre", &["Sincelejo"]),
        "Tolima" => ("Tolima", &["Ibagué", "Honda"]),
        "Valle del Cauca" => ("Valle del Cauca", &["Cali", "Buenaventura", "Palmira"]),
        _ => ("Colombia", &["Bogotá"]),
    }
}

const UNIVERSIDADES: &[&str] = &[
    "Universidad Tecnológica de Pereira",
    "Universidad Industrial de Santander",
    "Universidad del Valle",
    "Universidad de Antioquia",
    "Universidad del Norte",
    "Universidad de Nariño",
    "Universidad del Magdalena",
    "Universidad de Ibagué",
    "Universidad Pedagógica y Tecnológica de Colombia",
    "Universidad del Cauca",
];

const PREFIJOS: &[&str] = &[
    "Clúster de",
    "Iniciativa Clúster de",
    "Clúster de",
    "Ruta Competitiva de",
];

/// Keeps names and e-mails unique across the initiatives of a run.
#[derive(Default)]
pub struct Registry {
    nombres: BTreeSet<String>,
    correos: BTreeSet<String>,
}

impl Registry {
    /// A unique initiative name for a sector in a department.
    pub fn nombre(&mut self, sector: &Sector, departamento: &str, rng: &mut ChaCha8Rng) -> String {
        let (lugar, ciudades) = lugar(departamento);
        let mut candidatos = Vec::new();
        let pref = *PREFIJOS.choose(rng).unwrap();
        for v in sector.variantes {
            candidatos.push(format!("{pref} {v} de {lugar}"));
        }
        for v in sector.variantes {
            for c in ciudades {
                candidatos.push(format!("Clúster de {v} de {c}"));
                candidatos.push(format!("Iniciativa Clúster de {v} de {c}"));
            }
        }
        let base = candidatos[0].clone();
        let mut n = 2;
        let nombre = loop {
            if let Some(c) = candidatos.iter().find(|c| !self.nombres.contains(*c)) {
                break c.clone();
            }
            let c = format!("{base} {n}");
            if !self.nombres.contains(&c) {
                break c;
            }
            n += 1;
        };
        self.nombres.insert(nombre.clone());
        nombre
    }

    /// The managing entity of a given type (canonical value of `tipo_entidad`).
    pub fn entidad(
        &self,
        tipo: &str,
        sector: &Sector,
        departamento: &str,
        rng: &mut ChaCha8Rng,
    ) -> String {
        let (lugar, ciudades) = lugar(departamento);
        let ciudad = *ciudades.choose(rng).unwrap();
        match tipo {
            "camara_comercio" => format!("Cámara de Comercio de {ciudad}"),
            "corporacion" => match rng.random_range(0..3) {
                0 => format!("Corporación Clúster {} de {lugar}", sector.variantes[0]),
                1 => format!(
                    "Asociación de Empresarios de {} de {lugar}",
                    sector.variantes[0]
                ),
                _ => format!("Fundación para el Desarrollo de {ciudad}"),
            },
            "entidad_publica" => {
                if rng.random_bool(0.5) {
                    format!("Gobernación de {lugar}")
                } else {
                    format!("Alcaldía de {ciudad}")
                }
            }
            "universidad" => UNIVERSIDADES.choose(rng).unwrap().to_string(),
            _ => format!("Agencia de Desarrollo Económico de {lugar}"),
        }
    }

    /// A director with a unique ASCII e-mail `nombre.apellido@example.org`.
    pub fn director(&mut self, rng: &mut ChaCha8Rng) -> (String, String) {
        loop {
            let nombre = *NOMBRES.choose(rng).unwrap();
            let a1 = *APELLIDOS.choose(rng).unwrap();
            let a2 = *APELLIDOS.choose(rng).unwrap();
            if a1 == a2 {
                continue;
            }
            let slug = |s: &str| deunicode::deunicode(s).to_lowercase().replace(' ', "");
            let first = slug(nombre.split(' ').next().unwrap());
            let mut correo = format!("{}.{}@example.org", first, slug(a1));
            if self.correos.contains(&correo) {
                correo = format!("{}.{}.{}@example.org", first, slug(a1), slug(a2));
            }
            let mut n = 2;
            while self.correos.contains(&correo) {
                correo = format!("{}.{}{n}@example.org", first, slug(a1));
                n += 1;
            }
            self.correos.insert(correo.clone());
            return (format!("{nombre} {a1} {a2}"), correo);
        }
    }

    /// Reserves a name and e-mail already used (initiatives repeated from an earlier ola).
    pub fn reserve(&mut self, nombre: &str, correo: &str) {
        self.nombres.insert(nombre.to_string());
        self.correos.insert(correo.to_string());
    }
}

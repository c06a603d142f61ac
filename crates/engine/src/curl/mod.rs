//! placeholder until the curl helper lands
